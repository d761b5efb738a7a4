/**
 * @module paths/algorithms/common
 * Small pieces every algorithm shares: the edge filter, conversion of raw
 * edges into the result shapes, access-level bit masks and the deadline.
 */
import type { AccessLevel, GraphEdge } from '../../model/index.js'
import { ACCESS_LEVELS, EDGE_KINDS } from '../../model/index.js'
import type { EdgeFilter, EdgeRef, GraphPath, PathHop } from '../types.js'
import type { EdgeAccept } from './shortest.js'

/** Build the edge predicate of a filter: traversable kinds, optional kind list, optional no-conditional. */
export function makeEdgeAccept(filter: EdgeFilter): EdgeAccept {
  const kinds = filter.edgeKinds && filter.edgeKinds.length > 0 ? new Set<string>(filter.edgeKinds) : null
  const isConditionalExcluded = filter.excludeConditional === true
  return (edge) =>
    EDGE_KINDS[edge.kind].traversable &&
    (kinds === null || kinds.has(edge.kind)) &&
    !(isConditionalExcluded && edge.conditional)
}

/** A hop of the DESIGN.md contract from an edge. */
export function toHop(edge: GraphEdge): PathHop {
  return { from: edge.from, to: edge.to, kind: edge.kind, technique: edge.technique, evidence: edge.evidence, conditions: edge.conditions }
}

/** A result path from edges in walking order. */
export function toGraphPath(edges: readonly GraphEdge[]): GraphPath {
  let cost = 0
  for (const e of edges) cost += e.cost
  return { cost, hops: edges.map(toHop) }
}

/** An edge reference (for choke points and cuts). */
export function toEdgeRef(edge: GraphEdge): EdgeRef {
  return {
    id: edge.id,
    from: edge.from,
    to: edge.to,
    kind: edge.kind,
    technique: edge.technique,
    cost: edge.cost,
    evidence: edge.evidence,
    conditions: edge.conditions,
  }
}

/** Bit mask with every access level set. */
export const ALL_LEVELS_MASK = (1 << ACCESS_LEVELS.length) - 1

/** Access levels → bit mask. */
export function levelsToMask(levels: readonly AccessLevel[]): number {
  let mask = 0
  for (const level of levels) {
    const i = ACCESS_LEVELS.indexOf(level)
    if (i >= 0) mask |= 1 << i
  }
  return mask
}

/** Bit mask → access levels, in table order. */
export function maskToLevels(mask: number): AccessLevel[] {
  return ACCESS_LEVELS.filter((_, i) => (mask & (1 << i)) !== 0)
}

/**
 * The access levels an edge grants on its target. CanAccess lists them;
 * Contains passes on what the parent scope has (handled by the caller);
 * every other kind (AdminTo, CanControl, identity edges) gives control, i.e. all levels.
 */
export function edgeLevelsMask(edge: GraphEdge): number {
  return edge.kind === 'CanAccess' ? levelsToMask(edge.accessLevels) : ALL_LEVELS_MASK
}

/** Absolute deadline from a time budget. */
export function deadlineOf(timeoutMs: number | undefined, fallback: number): number {
  return Date.now() + (timeoutMs ?? fallback)
}
