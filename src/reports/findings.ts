/**
 * @module reports/findings
 * Small shared helpers for building findings: day arithmetic, severity
 * ordering and the summary block.
 */
import type { Evidence } from '../model/index.js'
import type { Finding, Severity } from './types.js'
import { SEVERITIES } from './types.js'

const DAY_MS = 86_400_000

/** Whole days from `from` (ISO date) to `now`; null when the date is unknown or unparseable. */
export function daysSince(from: string | null | undefined, now: Date): number | null {
  if (!from) return null
  const time = Date.parse(from)
  return Number.isNaN(time) ? null : Math.floor((now.getTime() - time) / DAY_MS)
}

/** Whole days between two ISO dates; null when either is unknown. */
export function daysBetween(from: string | null | undefined, to: string | null | undefined): number | null {
  if (!from || !to) return null
  const a = Date.parse(from)
  const b = Date.parse(to)
  return Number.isNaN(a) || Number.isNaN(b) ? null : Math.floor((b - a) / DAY_MS)
}

/** Sort findings most severe first, then by id, so output is stable. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.id.localeCompare(b.id))
}

/** Count findings per severity. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>
  for (const f of findings) counts[f.severity]++
  return counts
}

/** Evidence pointing at an inventory fact (a key, a password, a credential). */
export function inventoryEvidence(policy: string, note: string): Evidence {
  return { type: 'inventory', policy, note }
}
