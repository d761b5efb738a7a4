/**
 * @module paths/bounds
 * Validation of query bounds and filters, shared by both engines so the same
 * bad argument fails the same way (CP_ERR_QUERY_BOUND / CP_ERR_USAGE).
 */
import type { EdgeKind } from '../model/index.js'
import { CrownpathError, EDGE_KIND_NAMES, isEdgeKind } from '../model/index.js'
import { DEFAULT_BOUNDS } from './types.js'

/** Check an integer bound: undefined → fallback; outside [min, max] → CP_ERR_QUERY_BOUND. */
export function checkBound(name: string, value: number | undefined, fallback: number, max: number, min = 1): number {
  if (value === undefined) return fallback
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new CrownpathError('CP_ERR_QUERY_BOUND', { name, min, max })
  }
  return value
}

/** Check the edge-kind filter against the kinds table. */
export function checkEdgeKinds(kinds: readonly string[] | undefined): readonly EdgeKind[] | undefined {
  if (kinds === undefined) return undefined
  for (const kind of kinds) {
    if (!isEdgeKind(kind)) {
      throw new CrownpathError('CP_ERR_USAGE', { reason: `unknown edge kind \`${kind}\`: expected one of ${EDGE_KIND_NAMES.join(', ')}` })
    }
  }
  return kinds as readonly EdgeKind[]
}

/** The common bounds every query takes, validated. */
export function checkCommonBounds(query: { maxDepth?: number; timeoutMs?: number }): { maxDepth: number; timeoutMs: number } {
  return {
    maxDepth: checkBound('maxDepth', query.maxDepth, DEFAULT_BOUNDS.maxDepth, DEFAULT_BOUNDS.maxMaxDepth),
    timeoutMs: checkBound('timeoutMs', query.timeoutMs, DEFAULT_BOUNDS.timeoutMs, DEFAULT_BOUNDS.maxTimeoutMs, 0),
  }
}
