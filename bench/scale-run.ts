/**
 * @module bench/scale-run
 * One benchmark run over one synthetic organisation, in its own process so
 * peak memory is that scale's alone: generate, load, derive, write and read
 * the snapshot, build the graph, then time privesc, paths, k-paths, blast
 * radius, min-cut and every report. Prints one JSON document on stdout.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { generateOrganisation } from '../src/generate/index.js'
import type { ScaleName } from '../src/generate/index.js'
import { openMemoryStore } from '../src/graph/index.js'
import { loaderInvocation, readActionCatalog, readManifest, runIngest } from '../src/ingest/index.js'
import type { LoaderInvocation } from '../src/ingest/index.js'
import type { GraphNode } from '../src/model/index.js'
import { openMemoryEngine } from '../src/paths/index.js'
import { REPORTS, buildReport, DEFAULT_REPORT_SETTINGS } from '../src/reports/index.js'
import { createRandom } from '../src/generate/index.js'
import { timeCliIngest } from './cli-ingest.js'
import type { CliIngestResult } from './cli-ingest.js'
import { benchNeo4j } from './neo4j.js'
import { isRunAsScript, percentile } from './stats.js'
import type { Neo4jBenchResult } from './neo4j.js'

/** One timed phase. */
export interface PhaseResult {
  readonly phase: string
  readonly ms: number
  /** Heap in use after the phase, MiB. */
  readonly heapMiB: number
  readonly note?: string
}

/** A latency distribution over repeated queries. */
export interface LatencyResult {
  readonly query: string
  /** Timed runs (after the warm-up runs). */
  readonly runs: number
  readonly medianMs: number
  readonly p99Ms: number
  readonly maxMs: number
  /** Untimed runs before the timed ones, on other random picks (the engine's code compiled, as in a running server). */
  readonly warmupRuns: number
  /** The first warm-up run: the query on a freshly opened engine whose code has not run yet. */
  readonly firstMs: number
}

/** The phase that times edge derivation (the growth table reads it). */
export const DERIVE_PHASE = 'evaluate + derive edges'

/** Everything one scale run measured. */
export interface ScaleRunResult {
  readonly scale: ScaleName
  readonly seed: number
  readonly counts: Readonly<Record<string, number>>
  readonly graph: { readonly nodes: number; readonly edges: number }
  readonly phases: readonly PhaseResult[]
  readonly latencies: readonly LatencyResult[]
  /** Peak resident set size of this process over the whole run (reports and Neo4j included), MiB. */
  readonly peakRssMiB: number
  /** Peak resident set size up to the end of the snapshot write (the DESIGN.md ingest budget), MiB. */
  readonly ingestPeakRssMiB: number
  /** Ingest total: load + derive + snapshot write (the DESIGN.md "ingest + edge derivation" figure). */
  readonly ingestMs: number
  /**
   * CPU time of the ingest phases, all threads of the process (GC helpers, the
   * catalogue and compression workers), ms: steadier than wall time on a shared
   * machine, and above it by what ran beside the main thread.
   */
  readonly ingestCpuMs: number
  /**
   * `crownpath ingest manifest` of the same organisation in fresh processes
   * (what a user waits for: Node start-up and a cold JIT included, default
   * flags), repeated; null when no runs were asked for.
   */
  readonly cliIngest: CliIngestResult | null
  /** The same snapshot on Neo4j, when asked for and NEO4J_URI is set. */
  readonly neo4j: Neo4jBenchResult | null
}

const mib = (bytes: number): number => Math.round((bytes / 1048576) * 10) / 10

function latency(query: string, samples: number[], warmup: number[]): LatencyResult {
  const sorted = [...samples].sort((a, b) => a - b)
  const round = (n: number) => Math.round(n * 1000) / 1000
  return {
    query,
    runs: samples.length,
    medianMs: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? 0),
    warmupRuns: warmup.length,
    firstMs: round(warmup[0] ?? 0),
  }
}

/** Untimed runs of each query kind before its timed runs (a server's code is compiled after its first queries). */
const WARMUP_RUNS = 10

/** Run one scale. `queries` scales the number of timed queries down for smoke runs. */
export async function runScale(scale: ScaleName, seed: number, options: { queries?: number; workDir?: string; neo4j?: boolean; cliRuns?: number } = {}): Promise<ScaleRunResult> {
  const queries = options.queries ?? 1000
  const cliRuns = options.cliRuns ?? 0
  const dir = options.workDir ?? mkdtempSync(join(tmpdir(), `crownpath-bench-${scale}-`))
  const phases: PhaseResult[] = []
  const timed = async <T>(phase: string, fn: () => Promise<T> | T, note?: (value: T) => string): Promise<T> => {
    const start = performance.now()
    const value = await fn()
    const ms = Math.round((performance.now() - start) * 10) / 10
    phases.push({ phase, ms, heapMiB: mib(process.memoryUsage().heapUsed), ...(note ? { note: note(value) } : {}) })
    return value
  }
  try {
    const generated = await timed('generate', () => generateOrganisation(scale, seed, join(dir, 'org')))
    const manifest = await readManifest(join(dir, 'org', 'manifest.json'))
    const loaders: LoaderInvocation[] = manifest.loaders.map((entry) => loaderInvocation(entry, join(dir, 'org')))
    // First, before this process holds anything: the command a user runs, cold, several times.
    const cliIngest = cliRuns > 0 ? await timeCliIngest(join(dir, 'org', 'manifest.json'), cliRuns) : null
    const now = new Date('2026-11-27T00:00:00Z')
    // The ingest as `crownpath ingest` runs it (runIngest: the action catalogue is read in a worker
    // beside the loaders, chunks are compressed in a worker beside the snapshot JSON); its phases are
    // timed from the pipeline's own progress steps.
    const store = openMemoryStore({ path: join(dir, 'bench.db') })
    const marks: { readonly message: string; readonly at: number; readonly heapMiB: number }[] = []
    const mark = (message: string): void => {
      marks.push({ message, at: performance.now(), heapMiB: mib(process.memoryUsage().heapUsed) })
    }
    const cpuBefore = process.cpuUsage()
    mark('start')
    const ingested = await runIngest({ store, loaders, now, label: `bench-${scale}`, progress: { step: mark, tick: () => undefined, done: () => mark('done') } })
    const cpu = process.cpuUsage(cpuBefore)
    const at = (message: string): (typeof marks)[number] => {
      const found = marks.find((m) => m.message === message)
      if (!found) throw new Error(`the ingest reported no \`${message}\` step`)
      return found
    }
    const ingestPhases: [string, (typeof marks)[number], (typeof marks)[number], string?][] = [
      ['parse (loaders)', at('start'), at('deriving the graph')],
      [DERIVE_PHASE, at('deriving the graph'), at('writing the snapshot'), `${ingested.snapshot.nodeCount} nodes, ${ingested.snapshot.edgeCount} edges`],
      ['snapshot write', at('writing the snapshot'), at('done')],
    ]
    for (const [phase, from, to, note] of ingestPhases) phases.push({ phase, ms: Math.round((to.at - from.at) * 10) / 10, heapMiB: to.heapMiB, ...(note ? { note } : {}) })
    const meta = ingested.snapshot
    const ingestMs = Math.round((at('done').at - at('start').at) * 10) / 10
    const ingestCpuMs = Math.round((cpu.user + cpu.system) / 1000)
    const ingestPeakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024)
    const reopened = openMemoryStore({ path: join(dir, 'bench.db'), cacheSize: 0 })
    const content = await timed('snapshot read', () => reopened.readSnapshot(meta.id))
    // As the server opens it (many queries per snapshot): the tie ranks are part of the graph build.
    const engine = await timed('graph build', () => openMemoryEngine(content, { rankTies: true }))
    const privesc = await timed('privesc', () => engine.privesc(), (r) => `${r.admins.length} admins, ${r.findings.length} findings`)

    // Reading and building leave garbage behind (decompressed chunks, parsed rows) whose full
    // collection would otherwise land inside whichever query runs then (M: a blast radius of ~25 ms
    // measured 108 ms with a mark-compact finalising inside it, traced with --trace-gc). A server
    // pays that once after loading; the latencies below are the queries' own. Without --expose-gc
    // nothing happens.
    settleHeap()

    // Random query pairs: principals → resources and tier-zero nodes, from a seeded stream.
    const random = createRandom(seed + 101)
    // Warm-up picks come from their own stream, so the timed picks are the same with or without them.
    const warmupRandom = createRandom(seed + 202)
    const principals = content.nodes.filter((n: GraphNode) => ['AWSUser', 'AWSRole', 'AZUser', 'AZServicePrincipal'].includes(n.kind))
    const targets = content.nodes.filter((n: GraphNode) => n.isTierZero || n.classification === 'restricted')
    const latencies: LatencyResult[] = []
    type Pick = typeof random
    const sample = async (name: string, runs: number, fn: (pick: Pick) => Promise<unknown>) => {
      const time = async (pick: Pick): Promise<number> => {
        const start = performance.now()
        await fn(pick)
        return performance.now() - start
      }
      const warmup: number[] = []
      for (let i = 0; i < Math.min(WARMUP_RUNS, runs); i++) warmup.push(await time(warmupRandom))
      const times: number[] = []
      for (let i = 0; i < runs; i++) times.push(await time(random))
      latencies.push(latency(name, times, warmup))
    }
    if (principals.length > 0 && targets.length > 0) {
      await sample('path (k=1)', queries, (r) => engine.shortestPaths({ from: r.pick(principals).id, to: r.pick(targets).id }))
      await sample('k-paths (k=5)', Math.max(1, Math.floor(queries / 20)), (r) => engine.shortestPaths({ from: r.pick(principals).id, to: r.pick(targets).id, k: 5 }))
      await sample('blast radius', Math.max(1, Math.floor(queries / 10)), (r) => engine.blastRadius({ from: r.pick(principals).id, limit: 100 }))
      await sample('who-can (crown jewel)', Math.max(1, Math.floor(queries / 20)), (r) => engine.whoCan({ to: r.pick(targets).id, limit: 100 }))
      await sample('min-cut (exposed → tier0)', Math.max(1, Math.floor(queries / 200)), () => engine.minCut({ from: 'exposed', to: 'tier0' }))
    }
    // Outside the ingest figure (read there beside the loaders): reports need it too.
    const catalog = await timed('load action catalogue', () => readActionCatalog())
    const inventory = await reopened.readInventory(meta.id)
    for (const report of REPORTS) {
      await timed(`report ${report.name}`, () => buildReport(report.name, { meta: content.meta, nodes: content.nodes, edges: content.edges, inventory, engine, settings: DEFAULT_REPORT_SETTINGS, catalog, now }), (d) => `${d.findings.length} findings`)
    }
    const neo4j = options.neo4j && process.env['NEO4J_URI'] ? await benchNeo4j({ label: `bench-${scale}`, nodes: content.nodes, edges: content.edges, inventory, issues: content.issues, createdAt: now }) : null
    await engine.close()
    await store.close()
    await reopened.close()
    return {
      scale,
      seed,
      counts: generated.counts,
      graph: { nodes: content.nodes.length, edges: content.edges.length },
      phases,
      latencies,
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      ingestPeakRssMiB,
      ingestMs: Math.round(ingestMs),
      ingestCpuMs,
      cliIngest,
      neo4j,
    }
  } finally {
    if (!options.workDir) rmSync(dir, { recursive: true, force: true })
  }
}

/** One full garbage collection, when the process was started with --expose-gc (the bench's scale runs are). */
function settleHeap(): void {
  ;(globalThis as { gc?: () => void }).gc?.()
}

// Entry point when run as a child process: `node dist/bench/scale-run.js S 1 [queries [cliRuns [neo4j]]]`.
if (isRunAsScript(import.meta.url)) {
  const [scale = 'S', seed = '1', queries = '1000', cliRuns = '0', neo4j] = process.argv.slice(2)
  runScale(scale as ScaleName, Number(seed), { queries: Number(queries), cliRuns: Number(cliRuns), neo4j: neo4j === 'neo4j' })
    .then((result) => process.stdout.write(`${JSON.stringify(result)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
      process.exit(1)
    })
}
