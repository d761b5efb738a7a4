/**
 * @module api/routes/queries
 * Shared bits of the query routes: reading filters from the query string and
 * opening the engine of the requested snapshot.
 */
import type { AccessLevel } from '../../model/index.js'
import type { EdgeFilter, PathEngine, QueryBounds } from '../../paths/index.js'
import { checkEdgeKinds } from '../../paths/index.js'
import { parseEdgeKinds } from '../schemas/common.js'
import type { ApiDeps } from '../types.js'

/** The common query-string fields. */
export interface CommonQuery {
  snapshot?: string
  maxDepth?: number
  timeoutMs?: number
  excludeConditional?: boolean
  edgeKinds?: string
  accessLevel?: AccessLevel
}

/** Filters and bounds from the query string (undefined fields left out). */
export function readFilters(q: CommonQuery): EdgeFilter & QueryBounds {
  const edgeKinds = checkEdgeKinds(parseEdgeKinds(q.edgeKinds))
  return {
    ...(edgeKinds ? { edgeKinds } : {}),
    ...(q.excludeConditional !== undefined ? { excludeConditional: q.excludeConditional } : {}),
    ...(q.maxDepth !== undefined ? { maxDepth: q.maxDepth } : {}),
    ...(q.timeoutMs !== undefined ? { timeoutMs: q.timeoutMs } : {}),
  }
}

/** The engine of the snapshot a request names (`latest` by default). */
export function engineFor(deps: ApiDeps, q: CommonQuery): Promise<PathEngine> {
  return deps.openEngine(q.snapshot ?? 'latest')
}
