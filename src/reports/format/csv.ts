/**
 * @module reports/format/csv
 * CSV: one row per finding (and per review control), for spreadsheets and tickets.
 */
import type { ReportDocument } from '../types.js'
import { csvField } from './escape.js'
import { describeEvidence, describePath } from './evidence-text.js'

const HEADER = ['id', 'severity', 'check', 'category', 'provider', 'subject', 'subject_name', 'title', 'evidence', 'path', 'remediation']

/** Render a report as CSV (RFC 4180, CRLF line ends). */
export function renderCsv(doc: ReportDocument): string {
  const rows: string[][] = [HEADER]
  for (const f of doc.findings) {
    rows.push([f.id, f.severity, f.check, f.category, f.provider, f.subject, f.subjectName, f.title, f.evidence.map(describeEvidence).join(' ; '), f.path ? describePath(f.path) : '', f.remediation])
  }
  for (const review of doc.reviews ?? []) {
    for (const c of review.controls) {
      rows.push([`control:${c.control}:${review.id}`, c.status, `control:${c.control}`, 'review', review.provider, review.id, review.name, c.title, c.evidence.map(describeEvidence).join(' ; '), '', c.detail])
    }
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n'
}
