/**
 * @module paths/cypher-engine
 * The PathEngine over one snapshot in Neo4j. Selectors resolve in Cypher
 * (queries/nodes-in-set, get-nodes, nodes-by-name); each query then fetches
 * the part of the graph it can touch with level-by-level Cypher expansion
 * (queries/expand-out, expand-in) and runs the SAME pure algorithms as the
 * memory engine on that subgraph.
 *
 * Why not rank paths in Cypher: Neo4j 5's `SHORTEST k` and quantified path
 * patterns rank by hop count, not by edge cost; a bounded expansion
 * `(a)-[r*1..N]->(b)` ordered by `reduce(cost)` enumerates every path up to N
 * hops (exponential on dense IAM graphs) and cannot express the shared tie
 * rules (fewer hops, then edge ids) or "stop at the first target". Min-cut,
 * choke points and access-level propagation have no Cypher form at all
 * without GDS/APOC, which Community-from-Maven does not ship. Fetching the
 * reachable subgraph and computing in process gives answers identical to the
 * memory engine by construction (the parity suite checks it), costs one round
 * trip per BFS level, and keeps Neo4j the source of truth. Cypher's own
 * `SHORTEST 1` is used where hops are enough: as the reachability pre-check
 * of shortestPaths (queries/shortest-path-hops.cypher).
 *
 * Which subgraph each query fetches (always a superset of what its algorithm
 * reads on the full graph, so the answers cannot differ):
 * - shortestPaths, chokePoints, minCut: forward from the sources, not
 *   expanding targets (a path ends at its first target), unbounded (the
 *   memory engine re-searches without the hop bound to decide `truncated`);
 * - blastRadius: forward, `maxDepth` levels plus the edges leaving the last
 *   level (for the depth-truncation check);
 * - whoCan and privesc: backward from the targets / every tier-zero node,
 *   unbounded (the containment walk of whoCan is not depth-bounded).
 */
import type { Neo4jGraphStore, Row, SnapshotMeta } from '../graph/index.js'
import { decodeEdge, loadSnapshotGraph, toStoreError } from '../graph/index.js'
import type { CrownpathGraph } from '../graph/index.js'
import type { EdgeKind, GraphEdge, GraphNode } from '../model/index.js'
import { CrownpathError, HOLDING_EDGES, NODE_KIND_NAMES, NODE_KINDS, RESOURCE_KINDS, ROLE_KINDS, TRAVERSABLE_EDGES, canonicalNodeRef } from '../model/index.js'
import { computeBlastRadius } from './algorithms/blast-radius.js'
import { computeChokePoints } from './algorithms/choke-points.js'
import { makeEdgeAccept, toGraphPath } from './algorithms/common.js'
import { findKShortestPaths } from './algorithms/k-shortest.js'
import { computeMinCut } from './algorithms/min-cut.js'
import { computePrivesc } from './algorithms/privesc.js'
import { checkRoleHoldersQuery, computeRoleHolders, matchRoleNodes } from './algorithms/role-holders.js'
import { compareStrings } from './algorithms/shortest.js'
import { computeWhoCan } from './algorithms/who-can.js'
import { checkBound, checkCommonBounds, checkEdgeKinds } from './bounds.js'
import type { PathEngine } from './engine.js'
import { parseSelector } from './selectors.js'
import type {
  BlastRadiusQuery,
  BlastRadiusResult,
  ChokePointsQuery,
  ChokePointsResult,
  EdgeFilter,
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
import { DEFAULT_BOUNDS } from './types.js'

/** Frontier ids sent per expansion statement. */
const FRONTIER_BATCH = 5000

/** Principal node kinds (privesc sources and admins), from the kinds table. */
const PRINCIPAL_KIND_NAMES = NODE_KIND_NAMES.filter((k) => NODE_KINDS[k].role === 'principal')

/** Options of one subgraph fetch. */
interface FetchSpec {
  readonly direction: 'out' | 'in'
  readonly roots: readonly string[]
  readonly filter: { readonly kinds: readonly EdgeKind[] | null; readonly excludeConditional: boolean }
  /** Nodes reached but not expanded (forward: the targets). Roots are always expanded. */
  readonly stopAt?: ReadonlySet<string>
  /** Number of levels expanded (default: until nothing new is reached). */
  readonly levels?: number
  /** Nodes to include even when not reached (min-cut reports every target). */
  readonly extraNodes?: readonly string[]
  readonly deadline: number
}

/** The Cypher implementation of {@link PathEngine}. */
export class CypherPathEngine implements PathEngine {
  /** The snapshot this engine answers for (resolved once: snapshots are immutable). */
  readonly meta: SnapshotMeta
  readonly #store: Neo4jGraphStore

  /** Use {@link openCypherEngine}. */
  constructor(store: Neo4jGraphStore, meta: SnapshotMeta) {
    this.#store = store
    this.meta = meta
  }

  async #run(name: Parameters<Neo4jGraphStore['connection']['run']>[0], params: Record<string, unknown>): Promise<Row[]> {
    try {
      return await this.#store.connection.run(name, { snapshot: this.meta.id, ...params } as never)
    } catch (error) {
      throw this.#mapError(error)
    }
  }

  /** Driver failures → coded errors: unreachable or restarting → CP_ERR_STORE_UNAVAILABLE (503). */
  #mapError(error: unknown): CrownpathError {
    return toStoreError(error, this.#store.location, 'CP_ERR_INTERNAL')
  }

  async resolveSelector(selector: NodeSelector): Promise<ResolvedSelector> {
    const parsed = parseSelector(selector)
    if (parsed.type !== 'ref') {
      const rows = await this.#run('nodes-in-set', {
        set: parsed.type,
        kind: parsed.type === 'kind' ? parsed.kind : null,
        tag: parsed.type === 'tag' ? `${parsed.key.toLowerCase()}=${parsed.value}` : null,
        resourceKinds: RESOURCE_KINDS,
      })
      // Sorted in process: the contract is plain code-unit order, whatever the server's collation.
      return { selector, ids: rows.map((r) => r.id as string).sort(compareStrings), match: 'set' }
    }
    const candidates = canonicalNodeRef(parsed.ref)
    const found = new Set((await this.#run('get-nodes', { ids: candidates })).map((r) => (r.n as Row).id as string))
    for (const candidate of candidates) if (found.has(candidate)) return { selector, ids: [candidate], match: 'id' }
    const named = (await this.#run('nodes-by-name', { name: parsed.ref })).map((r) => r.id as string)
    if (named.length === 1) return { selector, ids: [named[0]!], match: 'name' }
    if (named.length > 1) throw new CrownpathError('CP_ERR_NODE_AMBIGUOUS', { name: parsed.ref, count: named.length })
    throw new CrownpathError('CP_ERR_NODE_NOT_FOUND', { id: parsed.ref })
  }

  #filter(filter: EdgeFilter): FetchSpec['filter'] {
    // Without a kind list, fetch the traversable kinds only: holding edges (HasRole, …) are never followed.
    return { kinds: checkEdgeKinds(filter.edgeKinds) ?? TRAVERSABLE_EDGES, excludeConditional: filter.excludeConditional === true }
  }

  #accept(filter: EdgeFilter): ReturnType<typeof makeEdgeAccept> {
    return makeEdgeAccept({ edgeKinds: checkEdgeKinds(filter.edgeKinds), excludeConditional: filter.excludeConditional })
  }

  /**
   * Breadth-first fetch of a subgraph, one Cypher statement per level (and per
   * {@link FRONTIER_BATCH} frontier ids), then the nodes in batches. Stops at
   * the deadline with `isTimedOut` (the caller reports `truncated`).
   */
  async #fetch(spec: FetchSpec): Promise<{ graph: CrownpathGraph; isTimedOut: boolean }> {
    const { nodes, edges, isTimedOut } = await this.#collect(spec)
    return { graph: loadSnapshotGraph({ nodes: [...nodes.values()], edges }), isTimedOut }
  }

  /** The nodes and edges of {@link CypherPathEngine.#fetch}, before they become a graph (so several fetches can be merged). */
  async #collect(spec: FetchSpec): Promise<{ nodes: Map<string, GraphNode>; edges: GraphEdge[]; isTimedOut: boolean }> {
    const seen = new Set(spec.roots)
    const edges = new Map<string, GraphEdge>()
    let frontier = [...spec.roots]
    let level = 0
    let isTimedOut = false
    const query = spec.direction === 'out' ? 'expand-out' : 'expand-in'
    while (frontier.length > 0 && (spec.levels === undefined || level < spec.levels)) {
      if (Date.now() > spec.deadline) {
        isTimedOut = true
        break
      }
      const expandable = level === 0 ? frontier : frontier.filter((id) => !spec.stopAt?.has(id))
      const next: string[] = []
      for (let i = 0; i < expandable.length; i += FRONTIER_BATCH) {
        const rows = await this.#run(query, { frontier: expandable.slice(i, i + FRONTIER_BATCH), ...spec.filter })
        for (const row of rows) {
          const edge = decodeEdge(row.from as string, row.to as string, row.kind as string, row.r as Row)
          edges.set(edge.id, edge)
          const other = spec.direction === 'out' ? edge.to : edge.from
          if (!seen.has(other)) {
            seen.add(other)
            next.push(other)
          }
        }
      }
      frontier = next
      level += 1
    }
    for (const id of spec.extraNodes ?? []) seen.add(id)
    let nodes
    try {
      nodes = await this.#store.getNodes(this.meta.id, [...seen])
    } catch (error) {
      throw this.#mapError(error)
    }
    // An edge whose far end was not fetched (levels exhausted) points outside the subgraph: keep the
    // node set closed by dropping it; the depth-bounded algorithms never follow it anyway.
    const kept = [...edges.values()].filter((e) => nodes.has(e.from) && nodes.has(e.to))
    return { nodes, edges: kept, isTimedOut }
  }

  async shortestPaths(query: ShortestPathsQuery): Promise<PathsResult> {
    const { maxDepth, timeoutMs } = checkCommonBounds(query)
    const k = checkBound('k', query.k, DEFAULT_BOUNDS.k, DEFAULT_BOUNDS.maxK)
    const accept = this.#accept(query)
    const filter = this.#filter(query)
    const deadline = Date.now() + timeoutMs
    const from = await this.resolveSelector(query.from)
    const toIds = (await this.resolveSelector(query.to)).ids
    if (from.ids.length === 0 || toIds.length === 0) return { paths: [], truncated: false }
    // Cypher SHORTEST 1 (fewest hops) as the pre-check: no path at all means nothing to rank.
    const reachable = await this.#run('shortest-path-hops', { from: from.ids, to: toIds, ...filter })
    if (reachable.length === 0) return { paths: [], truncated: false }
    const to = new Set(toIds)
    const { graph, isTimedOut } = await this.#fetch({ direction: 'out', roots: from.ids, filter, stopAt: to, deadline })
    const spec = { graph, sources: from.ids, isTarget: (id: string) => to.has(id), targets: [...to], accept, k, deadline }
    // From here on exactly the memory engine's steps (src/paths/memory-engine.ts).
    const bounded = findKShortestPaths({ ...spec, maxDepth })
    let truncated = isTimedOut || bounded.isTimedOut
    if (!truncated && bounded.isDepthPruned) {
      const free = findKShortestPaths({ ...spec, maxDepth: graph.order })
      truncated =
        free.isTimedOut ||
        free.paths.length > bounded.paths.length ||
        free.paths.some((p, i) => i < bounded.paths.length && p.cost < bounded.paths[i]!.cost)
    }
    return { paths: bounded.paths.map((p) => toGraphPath(p.edges)), truncated }
  }

  async blastRadius(query: BlastRadiusQuery): Promise<BlastRadiusResult> {
    const { maxDepth, timeoutMs } = checkCommonBounds(query)
    const limit = checkBound('limit', query.limit, DEFAULT_BOUNDS.blastRadiusLimit, DEFAULT_BOUNDS.maxLimit)
    const accept = this.#accept(query)
    const deadline = Date.now() + timeoutMs
    const from = await this.resolveSelector(query.from)
    // maxDepth + 1 levels: nodes up to maxDepth hops away, plus the edges leaving the last ones.
    const { graph, isTimedOut } = await this.#fetch({ direction: 'out', roots: from.ids, filter: this.#filter(query), levels: maxDepth + 1, deadline })
    const result = computeBlastRadius({ graph, sources: from.ids, accept, maxDepth, limit, deadline })
    return isTimedOut ? { ...result, truncated: true } : result
  }

  async whoCan(query: WhoCanQuery): Promise<WhoCanResult> {
    const { maxDepth, timeoutMs } = checkCommonBounds(query)
    const limit = checkBound('limit', query.limit, DEFAULT_BOUNDS.whoCanLimit, DEFAULT_BOUNDS.maxLimit)
    const accept = this.#accept(query)
    const deadline = Date.now() + timeoutMs
    const to = await this.resolveSelector(query.to)
    const { graph, isTimedOut } = await this.#fetch({ direction: 'in', roots: to.ids, filter: this.#filter(query), deadline })
    const result = computeWhoCan({
      graph,
      targets: to.ids,
      accept,
      ...(query.accessLevel ? { accessLevel: query.accessLevel } : {}),
      maxDepth,
      limit,
      deadline,
    })
    return isTimedOut ? { ...result, truncated: true } : result
  }

  async chokePoints(query: ChokePointsQuery): Promise<ChokePointsResult> {
    const { maxDepth, timeoutMs } = checkCommonBounds(query)
    const paths = checkBound('paths', query.paths, DEFAULT_BOUNDS.chokePointPaths, DEFAULT_BOUNDS.maxK * 10)
    const limit = checkBound('limit', query.limit, 20, DEFAULT_BOUNDS.maxLimit)
    const accept = this.#accept(query)
    const deadline = Date.now() + timeoutMs
    const from = await this.resolveSelector(query.from)
    const to = new Set((await this.resolveSelector(query.to)).ids)
    const { graph, isTimedOut } = await this.#fetch({ direction: 'out', roots: from.ids, filter: this.#filter(query), stopAt: to, deadline })
    const result = computeChokePoints({ graph, sources: from.ids, isTarget: (id) => to.has(id), accept, paths, limit, maxDepth, deadline })
    return isTimedOut ? { ...result, truncated: true } : result
  }

  async minCut(query: MinCutQuery): Promise<MinCutResult> {
    const { timeoutMs } = checkCommonBounds(query)
    const accept = this.#accept(query)
    const deadline = Date.now() + timeoutMs
    const from = await this.resolveSelector(query.from)
    const to = await this.resolveSelector(query.to)
    const { graph, isTimedOut } = await this.#fetch({
      direction: 'out',
      roots: from.ids,
      filter: this.#filter(query),
      stopAt: new Set(to.ids),
      extraNodes: to.ids,
      deadline,
    })
    // Max-flow / min-cut runs in process on the fetched subgraph (no Cypher form without GDS).
    const result = computeMinCut({ graph, sources: from.ids, targets: to.ids, accept, deadline })
    return isTimedOut ? { ...result, truncated: true } : result
  }

  async privesc(query: PrivescQuery = {}): Promise<PrivescResult> {
    const { maxDepth, timeoutMs } = checkCommonBounds(query)
    const limit = checkBound('limit', query.limit, DEFAULT_BOUNDS.privescLimit, DEFAULT_BOUNDS.maxLimit)
    const accept = this.#accept(query)
    const deadline = Date.now() + timeoutMs
    const tierZero = (await this.resolveSelector('tier0')).ids
    const { graph, isTimedOut } = await this.#fetch({ direction: 'in', roots: tierZero, filter: this.#filter(query), deadline })
    const result = computePrivesc({ graph, accept, maxDepth, limit, deadline })
    return isTimedOut ? { ...result, truncated: true } : result
  }

  async roleHolders(query: RoleHoldersQuery): Promise<RoleHoldersResult> {
    const limit = checkRoleHoldersQuery(query)
    const deadline = Date.now() + DEFAULT_BOUNDS.timeoutMs
    // Role nodes are few (one per held role): list them per role kind and match in process,
    // with the memory engine's function (names and role ids live in JSON properties).
    const candidateIds: string[] = []
    for (const kind of ROLE_KINDS) candidateIds.push(...(await this.resolveSelector(`kind:${kind}`)).ids)
    let candidates: Map<string, GraphNode>
    try {
      candidates = await this.#store.getNodes(this.meta.id, candidateIds)
    } catch (error) {
      throw this.#mapError(error)
    }
    const roles = matchRoleNodes(candidates.values(), query.role).map((n) => n.id)
    const scopes = query.scope === undefined ? null : (await this.resolveSelector(query.scope)).ids
    const nodes = new Map<string, GraphNode>()
    const edges = new Map<string, GraphEdge>()
    let isTimedOut = false
    const merge = (part: { nodes: Map<string, GraphNode>; edges: GraphEdge[]; isTimedOut: boolean }): void => {
      for (const [id, n] of part.nodes) nodes.set(id, n)
      for (const e of part.edges) edges.set(e.id, e)
      isTimedOut ||= part.isTimedOut
    }
    if (roles.length > 0) {
      // Holders and, transitively, the members of holder groups (the algorithm decides how deep counts).
      const holdingKinds = [...(Object.keys(HOLDING_EDGES) as EdgeKind[]), 'MemberOf' as const]
      merge(await this.#collect({ direction: 'in', roots: roles, filter: { kinds: holdingKinds, excludeConditional: false }, deadline }))
      if (scopes !== null) {
        // The query scopes with every container, and each assignment scope with the Contains edges entering it.
        merge(await this.#collect({ direction: 'in', roots: scopes, filter: { kinds: ['Contains'], excludeConditional: false }, deadline }))
        const assignmentScopes = new Set<string>()
        for (const e of edges.values()) {
          if (HOLDING_EDGES[e.kind] === undefined) continue
          for (const ev of e.evidence) if (ev.resource) assignmentScopes.add(ev.resource)
        }
        merge(await this.#collect({ direction: 'in', roots: [...assignmentScopes], filter: { kinds: ['Contains'], excludeConditional: false }, levels: 1, deadline }))
      }
    }
    const graph = loadSnapshotGraph({ nodes: [...nodes.values()], edges: [...edges.values()].filter((e) => nodes.has(e.from) && nodes.has(e.to)) })
    const result = computeRoleHolders({ graph, roles, scopes, ...(query.status ? { status: query.status } : {}), limit, query: query.role })
    return isTimedOut ? { ...result, truncated: true } : result
  }

  async close(): Promise<void> {
    // The store owns the driver; the engine holds nothing else.
  }
}

/** Principal kinds, for queries/tier-zero-principals.cypher and privesc-findings.cypher. */
export const CYPHER_PRINCIPAL_KINDS: readonly string[] = PRINCIPAL_KIND_NAMES

/**
 * Open a Cypher engine over one snapshot of a Neo4j store (`latest` by
 * default). Throws CP_ERR_SNAPSHOT_NOT_FOUND / CP_ERR_SNAPSHOT_NONE.
 */
export async function openCypherEngine(store: Neo4jGraphStore, ref = 'latest'): Promise<CypherPathEngine> {
  return new CypherPathEngine(store, await store.resolveSnapshot(ref))
}
