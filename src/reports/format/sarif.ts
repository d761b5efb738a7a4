/**
 * @module reports/format/sarif
 * SARIF 2.1.0, so findings show up in code-scanning dashboards. Cloud
 * findings have no source file: each result carries a logical location (the
 * principal) and, where the evidence names a policy, a location on the
 * policy document URI `crownpath:///<policy id>`.
 */
import type { ReportDocument, Severity } from '../types.js'
import { describeEvidence } from './evidence-text.js'

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' }
/** GitHub code scanning reads `security-severity` (0–10) to rank security results. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' }

/** Render a report as a SARIF 2.1.0 log. */
export function renderSarif(doc: ReportDocument, version: string): string {
  const checks = [...new Set(doc.findings.map((f) => f.check))].sort()
  const rules = checks.map((check) => {
    const sample = doc.findings.find((f) => f.check === check)!
    return {
      id: check,
      name: check.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
      shortDescription: { text: `${sample.category}: ${check}` },
      help: { text: sample.remediation },
      properties: { category: sample.category, 'security-severity': SECURITY_SEVERITY[sample.severity], tags: ['security', sample.category] },
    }
  })
  const results = doc.findings.map((f) => ({
    ruleId: f.check,
    ruleIndex: checks.indexOf(f.check),
    level: LEVEL[f.severity],
    message: { text: `${f.title}. ${f.evidence.slice(0, 3).map(describeEvidence).join('; ')}. Fix: ${f.remediation}` },
    partialFingerprints: { crownpathFindingId: f.id },
    locations: [
      {
        logicalLocations: [{ name: f.subjectName, fullyQualifiedName: f.subject, kind: 'resource' }],
        ...(f.evidence[0] ? { physicalLocation: { artifactLocation: { uri: `crownpath:///${encodeURIComponent(f.evidence[0].policy)}` } } } : {}),
      },
    ],
    properties: { severity: f.severity, subject: f.subject, ...f.details },
  }))
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'crownpath', version, informationUri: 'https://github.com/crownpath/crownpath', rules } },
        automationDetails: { id: `crownpath/${doc.report}/${doc.snapshot.id}` },
        results,
      },
    ],
  }
  return `${JSON.stringify(log, null, 2)}\n`
}
