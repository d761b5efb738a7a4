/**
 * @module paths/algorithms/min-cut
 * The smallest fix: a minimum-capacity set of edges whose removal disconnects
 * every source from every target. Max-flow (Dinic) on the subgraph of edges
 * that lie on some source → target path; capacity = edge cost (at least 1),
 * so cheap, likely steps are the ones worth cutting. Structural edges
 * (membership, credential ownership, containment, runs-as) get infinite
 * capacity: they are not changed by themselves, the cut goes through the
 * grant next to them, and each cut edge names the policy statements to change.
 *
 * The cut returned is the one next to the sources (nodes reachable from the
 * source in the final residual graph), which is unique, so answers are stable.
 */
import type { CrownpathGraph } from '../../graph/index.js'
import type { GraphEdge } from '../../model/index.js'
import { EDGE_KINDS } from '../../model/index.js'
import type { CutEdge, MinCutResult, PolicyChange } from '../types.js'
import { toEdgeRef } from './common.js'
import type { EdgeAccept } from './shortest.js'
import { compareStrings } from './shortest.js'

/** Capacity standing for "cannot be cut" (larger than any sum of real costs). */
export const INFINITE_CAPACITY = Number.MAX_SAFE_INTEGER / 4

/** Input of {@link computeMinCut}. */
export interface MinCutSpec {
  readonly graph: CrownpathGraph
  readonly sources: readonly string[]
  readonly targets: readonly string[]
  readonly accept: EdgeAccept
  readonly deadline: number
}

/** The capacity of an edge in the cut problem. */
export function edgeCapacity(edge: GraphEdge): number {
  return EDGE_KINDS[edge.kind].isStructural ? INFINITE_CAPACITY : Math.max(1, edge.cost)
}

/** The policy changes that remove an edge: one per evidence item. */
export function policyChanges(edge: GraphEdge): PolicyChange[] {
  return edge.evidence.map((ev) => ({
    type: ev.type,
    policy: ev.policy,
    policyName: ev.policyName ?? null,
    statement: ev.statement ?? null,
    sid: ev.sid ?? null,
    action: ev.action ?? null,
    resource: ev.resource ?? null,
  }))
}

/** A flow network in arrays: arc i goes to `to[i]`; arc i ^ 1 is its reverse. */
class FlowNetwork {
  readonly head: number[]
  readonly next: number[] = []
  readonly to: number[] = []
  readonly cap: number[] = []
  constructor(readonly size: number) {
    this.head = new Array<number>(size).fill(-1)
  }
  /** Add an arc u → v with capacity c (and its zero-capacity reverse); returns the arc index. */
  addArc(u: number, v: number, c: number): number {
    const i = this.to.length
    this.to.push(v, u)
    this.cap.push(c, 0)
    this.next.push(this.head[u]!, this.head[v]!)
    this.head[u] = i
    this.head[v] = i + 1
    return i
  }
}

/** Dinic's max-flow; returns the flow value (capped near INFINITE_CAPACITY). */
function maxFlow(net: FlowNetwork, s: number, t: number, deadline: number): { value: number; isTimedOut: boolean } {
  let value = 0
  const level = new Array<number>(net.size)
  const iter = new Array<number>(net.size)
  const bfs = (): boolean => {
    level.fill(-1)
    level[s] = 0
    const queue = [s]
    for (let qi = 0; qi < queue.length; qi++) {
      const u = queue[qi]!
      for (let a = net.head[u]!; a >= 0; a = net.next[a]!) {
        const v = net.to[a]!
        if (net.cap[a]! > 0 && level[v]! < 0) {
          level[v] = level[u]! + 1
          queue.push(v)
        }
      }
    }
    return level[t]! >= 0
  }
  // Iterative DFS for blocking flow (graphs may be deep; recursion could overflow).
  const dfs = (): number => {
    const stackNode: number[] = [s]
    const stackArc: number[] = []
    while (stackNode.length > 0) {
      const u = stackNode[stackNode.length - 1]!
      if (u === t) {
        let push = Infinity
        for (const a of stackArc) push = Math.min(push, net.cap[a]!)
        for (const a of stackArc) {
          net.cap[a]! -= push
          net.cap[a ^ 1]! += push
        }
        return push
      }
      let advanced = false
      for (; iter[u]! >= 0; iter[u] = net.next[iter[u]!]!) {
        const a = iter[u]!
        const v = net.to[a]!
        if (net.cap[a]! > 0 && level[v] === level[u]! + 1) {
          stackNode.push(v)
          stackArc.push(a)
          advanced = true
          break
        }
      }
      if (!advanced) {
        // Dead end: retreat and skip the arc that led here.
        stackNode.pop()
        level[u] = -1
        const a = stackArc.pop()
        if (a !== undefined) {
          const parent = stackNode[stackNode.length - 1]!
          iter[parent] = net.next[a]!
        }
      }
    }
    return 0
  }
  while (bfs()) {
    if (Date.now() > deadline) return { value, isTimedOut: true }
    for (let i = 0; i < net.size; i++) iter[i] = net.head[i]!
    for (let f = dfs(); f > 0; f = dfs()) {
      value += f
      if (value >= INFINITE_CAPACITY) return { value, isTimedOut: false }
    }
  }
  return { value, isTimedOut: false }
}

/** Nodes reachable from `roots` over accepted edges; targets are not passed through (forward). */
function reach(graph: CrownpathGraph, roots: readonly string[], direction: 'out' | 'in', accept: EdgeAccept, stopAt: ReadonlySet<string>): Set<string> {
  const seen = new Set(roots)
  const work = [...roots]
  while (work.length > 0) {
    const node = work.pop()!
    if (stopAt.has(node) && !roots.includes(node)) continue
    const visit = (_k: string, edge: GraphEdge, from: string, to: string): void => {
      const next = direction === 'out' ? to : from
      if (accept(edge) && !seen.has(next)) {
        seen.add(next)
        work.push(next)
      }
    }
    if (direction === 'out') graph.forEachOutEdge(node, visit)
    else graph.forEachInEdge(node, visit)
  }
  return seen
}

/** Compute a minimum edge cut between the sources and the targets. */
export function computeMinCut(spec: MinCutSpec): MinCutResult {
  const { graph, accept } = spec
  const targets = [...new Set(spec.targets.filter((t) => graph.hasNode(t)))].sort(compareStrings)
  const targetSet = new Set(targets)
  // A node in both sets would be a zero-hop path no edge cut can break: it counts as a target only.
  const sources = [...new Set(spec.sources.filter((s) => graph.hasNode(s) && !targetSet.has(s)))].sort(compareStrings)
  const base = { from: sources, to: targets }
  const forward = reach(graph, sources, 'out', accept, targetSet)
  const backward = reach(graph, targets, 'in', accept, new Set())
  // The path subgraph: edges from a forward-reached non-target node to a node that reaches a target.
  const edges: GraphEdge[] = []
  for (const node of forward) {
    if (targetSet.has(node) || !backward.has(node)) continue
    graph.forEachOutEdge(node, (_k, edge, _from, to) => {
      if (accept(edge) && backward.has(to) && forward.has(to)) edges.push(edge)
    })
  }
  const isConnected = targets.some((t) => forward.has(t))
  if (!isConnected) return { ...base, isConnected: false, isCuttable: true, value: 0, edges: [], truncated: false }

  edges.sort((a, b) => compareStrings(a.id, b.id))
  const index = new Map<string, number>()
  const idOf = (node: string): number => {
    let i = index.get(node)
    if (i === undefined) {
      i = index.size + 2
      index.set(node, i)
    }
    return i
  }
  for (const e of edges) {
    idOf(e.from)
    idOf(e.to)
  }
  for (const s of sources) idOf(s)
  for (const t of targets) idOf(t)
  const net = new FlowNetwork(index.size + 2)
  const S = 0
  const T = 1
  for (const s of sources) net.addArc(S, idOf(s), INFINITE_CAPACITY)
  for (const t of targets) net.addArc(idOf(t), T, INFINITE_CAPACITY)
  for (const e of edges) net.addArc(idOf(e.from), idOf(e.to), edgeCapacity(e))
  const flow = maxFlow(net, S, T, spec.deadline)
  if (flow.value >= INFINITE_CAPACITY) return { ...base, isConnected: true, isCuttable: false, value: 0, edges: [], truncated: flow.isTimedOut }

  // Source side of the cut: nodes reachable from S in the residual network.
  const sourceSide = new Uint8Array(net.size)
  sourceSide[S] = 1
  const queue = [S]
  for (let qi = 0; qi < queue.length; qi++) {
    const u = queue[qi]!
    for (let a = net.head[u]!; a >= 0; a = net.next[a]!) {
      const v = net.to[a]!
      if (net.cap[a]! > 0 && !sourceSide[v]) {
        sourceSide[v] = 1
        queue.push(v)
      }
    }
  }
  const cut: CutEdge[] = []
  edges.forEach((e) => {
    if (sourceSide[idOf(e.from)] && !sourceSide[idOf(e.to)]) {
      cut.push({ edge: toEdgeRef(e), capacity: edgeCapacity(e), change: policyChanges(e) })
    }
  })
  const value = cut.reduce((sum, c) => sum + c.capacity, 0)
  return { ...base, isConnected: true, isCuttable: true, value, edges: cut, truncated: flow.isTimedOut }
}
