/**
 * @module paths/engine
 * The PathEngine contract: every question the API, CLI and reports ask of the
 * graph. Two implementations (memory-engine.ts over the in-memory snapshot graph,
 * cypher-engine.ts over Neo4j) answer it identically; the shared suite in
 * test/conformance/path-engine.suite.ts checks that.
 */
import type {
  BlastRadiusQuery,
  BlastRadiusResult,
  ChokePointsQuery,
  ChokePointsResult,
  MinCutQuery,
  MinCutResult,
  NodeSelector,
  PathsResult,
  PrivescQuery,
  PrivescResult,
  ResolvedSelector,
  RoleHoldersQuery,
  RoleHoldersResult,
  ShortestPathsQuery,
  WhoCanQuery,
  WhoCanResult,
} from './types.js'

export type * from './types.js'

/**
 * Path queries over one snapshot. Methods are async because the Neo4j
 * implementation runs Cypher.
 *
 * Shared semantics (both implementations, checked by the conformance suite):
 * - Selectors resolve as {@link PathEngine.resolveSelector} says; an id or name
 *   that matches nothing throws `CrownpathError('CP_ERR_NODE_NOT_FOUND', { id })`;
 *   a set that is empty is not an error (the answer is empty).
 * - Edge filters (`edgeKinds`, `excludeConditional`) apply to every edge followed.
 * - Cost of a path = sum of its edge costs. Paths are loop-free and have at least one hop.
 * - A path ends at the first target it reaches (targets are not passed through).
 * - Ties between equal-cost paths: fewer hops first, then the sequence of edge
 *   ids compared element by element from the path's start (plain code-unit
 *   order; multi-source queries compare the start node id first). Inbound
 *   answers (whoCan, privesc) search backwards and compare from the target end.
 * - `truncated` for shortestPaths means the time bound stopped the search or
 *   the depth bound changed the answer; k itself is not a truncation. For the
 *   other queries it also means a result limit cut a list, or a node at the
 *   depth bound had edges to nodes not reached.
 * - The time bound does not throw: the answer so far comes back truncated.
 * - minCut ignores maxDepth (a fix must cut every path, however long).
 * - Bounds: `maxDepth` (hops), result limits and `timeoutMs` default to
 *   `DEFAULT_BOUNDS`; a result cut by a bound says `truncated: true`.
 */
export interface PathEngine {
  /** Resolve a selector to node ids; throws CP_ERR_NODE_NOT_FOUND / CP_ERR_NODE_SET_UNKNOWN. */
  resolveSelector(selector: NodeSelector): Promise<ResolvedSelector>

  /** The k cheapest loop-free paths from any source to any target, cheapest first. */
  shortestPaths(query: ShortestPathsQuery): Promise<PathsResult>

  /** Everything reachable from the sources, grouped and scored. */
  blastRadius(query: BlastRadiusQuery): Promise<BlastRadiusResult>

  /** Inbound: principals and credentials that reach the target, with access levels. */
  whoCan(query: WhoCanQuery): Promise<WhoCanResult>

  /** The edges crossed by the most of the cheapest source → target paths. */
  chokePoints(query: ChokePointsQuery): Promise<ChokePointsResult>

  /** A minimum edge cut separating sources from targets, with the policy changes that make it. */
  minCut(query: MinCutQuery): Promise<MinCutResult>

  /**
   * Every principal that is not tier zero but reaches a tier-zero node, once,
   * with its cheapest chain; plus the tier-zero principals (`admins`).
   */
  privesc(query?: PrivescQuery): Promise<PrivescResult>

  /**
   * Who holds a role (an Entra directory role, an Azure RBAC role, any node
   * whose kind has the `role` part): the assignees of the descriptive holding
   * edges into it and the members of assignee groups, active and eligible,
   * each holding with its assignment as evidence. Holding edges are never
   * followed by the path queries above. A role that nobody holds (or no role
   * by that name) answers `roles: []`, not an error; an unknown `scope`
   * selector throws like any selector.
   */
  roleHolders(query: RoleHoldersQuery): Promise<RoleHoldersResult>

  /** Release resources (sessions, cached graphs). */
  close(): Promise<void>
}
