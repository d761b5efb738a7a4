/**
 * @module bench/paths
 * Path-engine benchmarks over one snapshot's content: shortest path and
 * k-paths between random principal/target pairs, blast radius, who-can,
 * privesc and min-cut, as median / p99 latencies. Pure functions the bench
 * runner calls (no I/O); pairs come from a seeded stream so runs compare.
 */
import type { SnapshotContent } from '../src/graph/index.js'
import type { GraphNode } from '../src/model/index.js'
import type { PathEngine } from '../src/paths/index.js'
import { openMemoryEngine } from '../src/paths/index.js'
import { seededUniform } from '../src/generate/index.js'

/** Latency summary of one query kind. */
export interface PathLatency {
  readonly query: string
  readonly runs: number
  readonly medianMs: number
  readonly p99Ms: number
  readonly maxMs: number
}

/** Options of {@link benchPaths}. */
export interface PathBenchOptions {
  /** Shortest-path queries (others run a fraction of this). Default 500. */
  readonly queries?: number
  readonly seed?: number
  /** Engine to measure (default: the memory engine over `content`). */
  readonly engine?: PathEngine
}


function summarise(query: string, times: number[]): PathLatency {
  const sorted = [...times].sort((a, b) => a - b)
  const at = (q: number): number => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 1000) / 1000
  return { query, runs: times.length, medianMs: at(0.5), p99Ms: at(0.99), maxMs: at(1) }
}

async function time(runs: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await fn(i)
    times.push(performance.now() - start)
  }
  return times
}

/**
 * Measure the path queries on a snapshot. Sources are principals that have
 * at least one outgoing edge (unconnected ones answer trivially and would
 * flatter the median); targets are tier-zero and restricted nodes.
 */
export async function benchPaths(content: SnapshotContent, options: PathBenchOptions = {}): Promise<{ graph: { nodes: number; edges: number }; buildMs: number; latencies: PathLatency[] }> {
  const queries = options.queries ?? 500
  const random = seededUniform(options.seed ?? 1)
  const buildStart = performance.now()
  const engine = options.engine ?? openMemoryEngine(content, { rankTies: true })
  const buildMs = Math.round(performance.now() - buildStart)
  const hasOut = new Set(content.edges.map((e) => e.from))
  const principals = content.nodes.filter((n: GraphNode) => (n.kind === 'AWSUser' || n.kind === 'AWSRole' || n.kind === 'AZUser' || n.kind === 'AZServicePrincipal') && hasOut.has(n.id))
  const targets = content.nodes.filter((n: GraphNode) => n.isTierZero || n.classification === 'restricted')
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const latencies: PathLatency[] = []
  if (principals.length > 0 && targets.length > 0) {
    latencies.push(summarise('path (k=1)', await time(queries, () => engine.shortestPaths({ from: pick(principals).id, to: pick(targets).id }))))
    latencies.push(summarise('k-paths (k=5)', await time(Math.max(1, queries / 10), () => engine.shortestPaths({ from: pick(principals).id, to: pick(targets).id, k: 5 }))))
    latencies.push(summarise('blast radius', await time(Math.max(1, queries / 10), () => engine.blastRadius({ from: pick(principals).id, limit: 100 }))))
    latencies.push(summarise('who-can', await time(Math.max(1, queries / 20), () => engine.whoCan({ to: pick(targets).id, limit: 100 }))))
  }
  latencies.push(summarise('privesc', await time(3, () => engine.privesc())))
  latencies.push(summarise('min-cut (exposed → tier0)', await time(3, () => engine.minCut({ from: 'exposed', to: 'tier0' }))))
  if (!options.engine) await engine.close()
  return { graph: { nodes: content.nodes.length, edges: content.edges.length }, buildMs, latencies }
}
