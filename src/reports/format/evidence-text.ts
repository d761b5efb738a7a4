/**
 * @module reports/format/evidence-text
 * One-line descriptions of evidence and paths, shared by md, html and csv.
 */
import type { Evidence } from '../../model/index.js'
import type { GraphPath } from '../../paths/index.js'

/** `policy#statement (sid): action on resource — note`. */
export function describeEvidence(e: Evidence): string {
  const where = e.statement === null || e.statement === undefined ? e.policy : `${e.policy} statement ${e.statement}${e.sid ? ` (${e.sid})` : ''}`
  const what = [e.action, e.resource ? `on ${e.resource}` : null].filter(Boolean).join(' ')
  return [where, what, e.note].filter((part) => part && part.length > 0).join(' — ')
}

/** `a —[Kind technique]→ b —[...]→ c`. */
export function describePath(path: GraphPath): string {
  if (path.hops.length === 0) return ''
  const parts = [path.hops[0]!.from]
  for (const hop of path.hops) parts.push(`—[${hop.kind}${hop.technique ? ` ${hop.technique}` : ''}]→ ${hop.to}`)
  return parts.join(' ')
}
