/**
 * @module paths/memory-engine
 * The PathEngine over the in-memory graph of one snapshot: the
 * embedded default. Each method validates bounds, resolves selectors and calls
 * one pure algorithm from ./algorithms.
 */
import type { CrownpathGraph, SnapshotContent } from '../graph/index.js'
import { loadSnapshotGraph } from '../graph/index.js'
import { computeBlastRadius } from './algorithms/blast-radius.js'
import { computeChokePoints } from './algorithms/choke-points.js'
import { makeEdgeAccept, toGraphPath } from './algorithms/common.js'
import { findKShortestPaths } from './algorithms/k-shortest.js'
import { computeMinCut } from './algorithms/min-cut.js'
import { computePrivesc } from './algorithms/privesc.js'
import { checkRoleHoldersQuery, computeRoleHolders, matchRoleNodes } from './algorithms/role-holders.js'
import { rankTies } from './algorithms/shortest.js'
import { computeWhoCan } from './algorithms/who-can.js'
import { checkBound, checkCommonBounds, checkEdgeKinds } from './bounds.js'
import type { PathEngine } from './engine.js'
import { resolveSelectorIn } from './selectors.js'
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

/** The memory implementation of {@link PathEngine}. */
export class MemoryPathEngine implements PathEngine {
  private readonly names = new Map<string, string[]>()

  /** @param graph - the snapshot graph (not mutated) */
  constructor(readonly graph: CrownpathGraph) {
    graph.forEachNode((id, attrs) => {
      const name = attrs.name
      const list = this.names.get(name)
      if (list) list.push(id)
      else this.names.set(name, [id])
    })
  }

  async resolveSelector(selector: NodeSelector): Promise<ResolvedSelector> {
    return this.resolve(selector)
  }

  private resolve(selector: NodeSelector): ResolvedSelector {
    return resolveSelectorIn(
      {
        hasNode: (id) => this.graph.hasNode(id),
        idsByName: (name) => this.names.get(name) ?? [],
        forEachNode: (fn) => this.graph.forEachNode((_id, attrs) => fn(attrs)),
      },
      selector,
    )
  }

  private accept(filter: EdgeFilter): ReturnType<typeof makeEdgeAccept> {
    return makeEdgeAccept({ edgeKinds: checkEdgeKinds(filter.edgeKinds), excludeConditional: filter.excludeConditional })
  }

  async shortestPaths(query: ShortestPathsQuery): Promise<PathsResult> {
    const { maxDepth, timeoutMs } = checkCommonBounds(query)
    const k = checkBound('k', query.k, DEFAULT_BOUNDS.k, DEFAULT_BOUNDS.maxK)
    const accept = this.accept(query)
    const from = this.resolve(query.from)
    const to = new Set(this.resolve(query.to).ids)
    const deadline = Date.now() + timeoutMs
    const spec = { graph: this.graph, sources: from.ids, isTarget: (id: string) => to.has(id), targets: [...to], accept, k, deadline }
    const bounded = findKShortestPaths({ ...spec, maxDepth })
    let truncated = bounded.isTimedOut
    if (!truncated && bounded.isDepthPruned) {
      // Did the hop bound change the answer? Compare with the search without it.
      const free = findKShortestPaths({ ...spec, maxDepth: this.graph.order })
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
    const accept = this.accept(query)
    const from = this.resolve(query.from)
    return computeBlastRadius({ graph: this.graph, sources: from.ids, accept, maxDepth, limit, deadline: Date.now() + timeoutMs })
  }

  async whoCan(query: WhoCanQuery): Promise<WhoCanResult> {
    const { maxDepth, timeoutMs } = checkCommonBounds(query)
    const limit = checkBound('limit', query.limit, DEFAULT_BOUNDS.whoCanLimit, DEFAULT_BOUNDS.maxLimit)
    const accept = this.accept(query)
    const to = this.resolve(query.to)
    return computeWhoCan({
      graph: this.graph,
      targets: to.ids,
      accept,
      ...(query.accessLevel ? { accessLevel: query.accessLevel } : {}),
      maxDepth,
      limit,
      deadline: Date.now() + timeoutMs,
    })
  }

  async chokePoints(query: ChokePointsQuery): Promise<ChokePointsResult> {
    const { maxDepth, timeoutMs } = checkCommonBounds(query)
    const paths = checkBound('paths', query.paths, DEFAULT_BOUNDS.chokePointPaths, DEFAULT_BOUNDS.maxK * 10)
    const limit = checkBound('limit', query.limit, 20, DEFAULT_BOUNDS.maxLimit)
    const accept = this.accept(query)
    const from = this.resolve(query.from)
    const to = new Set(this.resolve(query.to).ids)
    return computeChokePoints({
      graph: this.graph,
      sources: from.ids,
      isTarget: (id) => to.has(id),
      accept,
      paths,
      limit,
      maxDepth,
      deadline: Date.now() + timeoutMs,
    })
  }

  async minCut(query: MinCutQuery): Promise<MinCutResult> {
    const { timeoutMs } = checkCommonBounds(query)
    const accept = this.accept(query)
    const from = this.resolve(query.from)
    const to = this.resolve(query.to)
    return computeMinCut({ graph: this.graph, sources: from.ids, targets: to.ids, accept, deadline: Date.now() + timeoutMs })
  }

  async privesc(query: PrivescQuery = {}): Promise<PrivescResult> {
    const { maxDepth, timeoutMs } = checkCommonBounds(query)
    const limit = checkBound('limit', query.limit, DEFAULT_BOUNDS.privescLimit, DEFAULT_BOUNDS.maxLimit)
    const accept = this.accept(query)
    return computePrivesc({ graph: this.graph, accept, maxDepth, limit, deadline: Date.now() + timeoutMs })
  }

  async roleHolders(query: RoleHoldersQuery): Promise<RoleHoldersResult> {
    const limit = checkRoleHoldersQuery(query)
    // matchRoleNodes keeps role kinds only.
    const roles = matchRoleNodes(this.graph.nodeList(), query.role).map((n) => n.id)
    const scopes = query.scope === undefined ? null : this.resolve(query.scope).ids
    return computeRoleHolders({ graph: this.graph, roles, scopes, ...(query.status ? { status: query.status } : {}), limit, query: query.role })
  }

  async close(): Promise<void> {
    // Nothing to release: the graph is garbage-collected with the engine.
  }
}

/**
 * Open a memory engine over a snapshot's content (builds its in-memory graph).
 * `rankTies` also prepares the searches for many queries (see `rankTies` in
 * algorithms/shortest.ts): what a server wants, not a single command-line query.
 */
export function openMemoryEngine(content: Pick<SnapshotContent, 'nodes' | 'edges'>, options: { readonly rankTies?: boolean } = {}): MemoryPathEngine {
  const graph = loadSnapshotGraph(content)
  if (options.rankTies) rankTies(graph)
  return new MemoryPathEngine(graph)
}
