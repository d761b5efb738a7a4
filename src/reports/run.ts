/**
 * @module reports/run
 * Build a report document from one snapshot: look the report up, run it,
 * wrap its findings in the versioned envelope; and render it in a format.
 */
import { CrownpathError } from '../model/index.js'
import { FORMATTERS } from './format/index.js'
import type { RenderContext } from './format/index.js'
import { countBySeverity, sortFindings } from './findings.js'
import { REPORTS } from './registry.js'
import type { ReportDefinition, ReportDocument, ReportFormat, ReportInput } from './types.js'
import { REPORT_SCHEMA_VERSION } from './types.js'

/** The report with this name, or CP_ERR_REPORT_UNKNOWN. */
export function findReport(name: string): ReportDefinition {
  const report = REPORTS.find((r) => r.name === name)
  if (!report) throw new CrownpathError('CP_ERR_REPORT_UNKNOWN', { name, names: REPORTS.map((r) => `\`${r.name}\``).join(', ') })
  return report
}

/** Run a report over one snapshot. */
export async function buildReport(name: string, input: ReportInput): Promise<ReportDocument> {
  const report = findReport(name)
  const body = await report.build(input)
  const findings = sortFindings(body.findings)
  const s = input.settings
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    report: report.name,
    title: report.title,
    generatedAt: input.now.toISOString(),
    snapshot: { id: input.meta.id, createdAt: input.meta.createdAt },
    parameters: { maxKeyAgeDays: s.maxKeyAgeDays, maxUnusedDays: s.maxUnusedDays, expiryWarningDays: s.expiryWarningDays, maxSecretLifetimeDays: s.maxSecretLifetimeDays, trustedAccounts: s.trustedAccounts, breakGlass: s.breakGlass },
    summary: { findings: findings.length, bySeverity: countBySeverity(findings) },
    findings,
    ...(body.reviews ? { reviews: body.reviews } : {}),
    ...(body.attestation ? { attestation: body.attestation } : {}),
  }
}

/** Render a document; a format the report does not offer is CP_ERR_REPORT_FORMAT. */
export function renderReport(doc: ReportDocument, format: ReportFormat, ctx: RenderContext): string {
  const report = findReport(doc.report)
  if (!report.formats.includes(format)) throw new CrownpathError('CP_ERR_REPORT_FORMAT', { name: doc.report, format })
  return FORMATTERS[format](doc, ctx)
}
