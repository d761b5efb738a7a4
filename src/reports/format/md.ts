/**
 * @module reports/format/md
 * Markdown: summary table, findings by severity with evidence and remediation,
 * review controls, and the reviewer's signature block.
 */
import type { ReportDocument } from '../types.js'
import { SEVERITIES } from '../types.js'
import { escapeMdCell } from './escape.js'
import { describeEvidence, describePath } from './evidence-text.js'

/** Render a report as Markdown. */
export function renderMarkdown(doc: ReportDocument): string {
  const lines: string[] = []
  lines.push(`# ${doc.title}`, '')
  lines.push(`Snapshot \`${doc.snapshot.id}\` (${doc.snapshot.createdAt}) · generated ${doc.generatedAt} · crownpath report \`${doc.report}\` v${doc.schemaVersion}`, '')
  lines.push('| Severity | Findings |', '|---|---|')
  for (const s of SEVERITIES) lines.push(`| ${s} | ${doc.summary.bySeverity[s]} |`)
  lines.push('')
  for (const review of doc.reviews ?? []) {
    lines.push(`## ${review.name}`, '', `\`${review.id}\` (${review.provider})`, '')
    lines.push('| Control | Status | Detail |', '|---|---|---|')
    for (const c of review.controls) lines.push(`| ${escapeMdCell(c.title)} | **${c.status.toUpperCase()}** | ${escapeMdCell(c.detail)} |`)
    lines.push('')
    for (const c of review.controls) {
      if (!c.paths || c.paths.length === 0) continue
      lines.push(`Inbound paths (${c.paths.length}):`, '')
      for (const p of c.paths.slice(0, 20)) lines.push(`- cost ${p.cost}: ${describePath(p)}`)
      lines.push('')
    }
  }
  if (doc.findings.length > 0) lines.push('## Findings', '')
  for (const f of doc.findings) {
    lines.push(`### [${f.severity.toUpperCase()}] ${f.title}`, '')
    lines.push(`- Subject: \`${f.subject}\` (${f.subjectName}, ${f.provider})`)
    lines.push(`- Check: \`${f.check}\` (${f.category})`)
    for (const e of f.evidence.slice(0, 10)) lines.push(`- Evidence: ${describeEvidence(e)}`)
    if (f.evidence.length > 10) lines.push(`- … ${f.evidence.length - 10} more evidence items`)
    if (f.path) lines.push(`- Path: ${describePath(f.path)}`)
    lines.push(`- Remediation: ${f.remediation}`, '')
  }
  if (doc.attestation) {
    lines.push('## Attestation', '', doc.attestation.statement, '')
    lines.push(`Reviewer: ${doc.attestation.reviewer ?? '________________________'}`, '')
    lines.push(`Date: ${doc.attestation.date ?? '________________________'}`, '')
    lines.push('Signature: ________________________', '')
  }
  return lines.join('\n')
}
