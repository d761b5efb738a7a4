import { describe, expect, it } from 'vitest'
import { csvField, renderCsv, renderHtml, renderMarkdown, renderSarif } from '../../src/reports/format/index.js'
import type { ReportDocument } from '../../src/reports/index.js'
import { path } from './helpers.js'

const doc: ReportDocument = {
  schemaVersion: 1,
  report: 'credentials',
  title: 'Credential hygiene',
  generatedAt: '2026-11-27T12:00:00.000Z',
  snapshot: { id: 'snap-1', createdAt: '2026-11-27T11:00:00.000Z' },
  parameters: {},
  summary: { findings: 2, bySeverity: { critical: 1, high: 0, medium: 1, low: 0, info: 0 } },
  findings: [
    { id: 'exposed-credential:AKIA1', check: 'exposed-credential', category: 'credentials', severity: 'critical', title: 'Exposed <script>alert(1)</script>', subject: 'AKIA1', subjectName: 'AKIA1', provider: 'aws', evidence: [{ type: 'leak', policy: 'AKIA1', note: 'repo:file' }], remediation: 'Deactivate it', path: path(['AKIA1', 'arn:aws:iam::111111111111:user/ci', 'arn:aws:iam::111111111111:root']), details: {} },
    { id: 'aws-key-age:AKIA2', check: 'aws-key-age', category: 'credentials', severity: 'medium', title: '=HYPERLINK("x") old key, "quoted"', subject: 'AKIA2', subjectName: 'bob / AKIA2', provider: 'aws', evidence: [{ type: 'inventory', policy: 'arn:aws:iam::111111111111:user/bob#access-key/AKIA2' }], remediation: 'Rotate', details: { ageDays: 400 } },
  ],
  attestation: { statement: 'I reviewed it.', reviewer: null, date: null },
}

describe('report formats', () => {
  it('markdown has the summary, each finding with evidence and fix, and a signature block', () => {
    const md = renderMarkdown(doc)
    expect(md).toContain('| critical | 1 |')
    expect(md).toContain('### [CRITICAL] Exposed')
    expect(md).toContain('- Remediation: Deactivate it')
    expect(md).toContain('- Path: AKIA1 —[CanEscalateTo aws/test]→ arn:aws:iam::111111111111:user/ci')
    expect(md).toMatch(/Reviewer: _+/)
  })

  it('html is self-contained, escapes text and draws the top path as svg', () => {
    const html = renderHtml(doc, new Map([['AKIA1', 'AWSAccessKey']]))
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script&gt;')
    expect(html).toContain('<svg')
    expect(html).toContain('AWSAccessKey')
    expect(html).not.toMatch(/<link|src="http/)
  })

  it('csv quotes fields and neutralises formulas', () => {
    expect(csvField('=1+1')).toBe("'=1+1")
    expect(csvField('a,"b"')).toBe('"a,""b"""')
    const csv = renderCsv(doc)
    const lines = csv.trimEnd().split('\r\n')
    expect(lines).toHaveLength(3)
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"") old key, ""quoted"""`)
  })

  it('sarif is a 2.1.0 log with one rule per check and a result per finding', () => {
    const log = JSON.parse(renderSarif(doc, '0.1.0'))
    expect(log.version).toBe('2.1.0')
    const run = log.runs[0]
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['aws-key-age', 'exposed-credential'])
    expect(run.results).toHaveLength(2)
    expect(run.results[0].level).toBe('error')
    expect(run.results[1].level).toBe('warning')
    expect(run.results[0].partialFingerprints.crownpathFindingId).toBe('exposed-credential:AKIA1')
    expect(run.results[0].ruleIndex).toBe(1)
  })
})
