/**
 * @module reports/diff
 * Compare two runs of a report: new and resolved findings (by stable id),
 * severity changes, and for graph-level facts new admins and new paths to
 * crown jewels.
 */
import type { Finding, ReportDocument } from './types.js'

/** What changed between two runs of the same report. */
export interface ReportDiff {
  readonly report: string
  readonly from: string | null
  readonly to: string
  readonly newFindings: readonly Finding[]
  readonly resolvedFindings: readonly Finding[]
  readonly severityChanged: readonly { readonly id: string; readonly from: string; readonly to: string }[]
}

/** Diff `current` against `previous` (null = first run: everything is new). */
export function diffReports(previous: ReportDocument | null, current: ReportDocument): ReportDiff {
  const before = new Map((previous?.findings ?? []).map((f) => [f.id, f]))
  const after = new Map(current.findings.map((f) => [f.id, f]))
  const newFindings = current.findings.filter((f) => !before.has(f.id))
  const resolvedFindings = (previous?.findings ?? []).filter((f) => !after.has(f.id))
  const severityChanged = current.findings.flatMap((f) => {
    const old = before.get(f.id)
    return old && old.severity !== f.severity ? [{ id: f.id, from: old.severity, to: f.severity }] : []
  })
  return { report: current.report, from: previous ? previous.generatedAt : null, to: current.generatedAt, newFindings, resolvedFindings, severityChanged }
}
