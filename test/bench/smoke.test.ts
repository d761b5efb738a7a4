import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

// `npm run bench` runs the built files; `npm test` builds before it runs vitest.
const runJs = join(import.meta.dirname, '../../dist/bench/run.js')
const out = mkdtempSync(join(tmpdir(), 'crownpath-bench-smoke-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

describe('npm run bench (smoke: S, few queries, no Cloudsplaining, no API load)', () => {
  it('prints the tables and writes a results file with every phase and query', async () => {
    expect(existsSync(runJs), `${runJs} is missing: run \`npm run build\` first`).toBe(true)
    const { stdout } = await promisify(execFile)(process.execPath, [runJs, '--scales', 'S', '--queries', '20', '--cli-runs', '1', '--no-compare', '--no-api', '--out', out], { maxBuffer: 16 * 1024 * 1024 })
    expect(stdout).toMatch(/ingest CPU ms/)
    expect(stdout).toMatch(/^S\s+1000\s+\d+\s+\d+/m)
    expect(stdout).toMatch(/policy evaluation: [\d,]+ decisions\/s per core/)
    expect(stdout).toMatch(/`crownpath ingest manifest` in fresh processes/)
    // --no-compare skips both peers: PMapper is neither installed nor run here.
    expect(stdout).not.toMatch(/^(PMapper|Cloudsplaining)/m)
    // The design's targets are set for M: with S alone, each is reported as not run.
    expect(stdout).toMatch(/targets of \.\.\/shared\/DESIGN\.md, on scale M:/)

    const files = readdirSync(out).filter((f) => f.endsWith('.json'))
    expect(files).toHaveLength(1)
    const result = JSON.parse(readFileSync(join(out, files[0]!), 'utf8')) as {
      machine: { cores: number; node: string }
      compare: unknown
      pmapper: unknown
      targets: { target: string; verdict: string }[]
      runs: { scale: string; graph: { nodes: number; edges: number }; ingestMs: number; ingestCpuMs: number; cliIngest: { runs: { wallMs: number; cpuMs: number; peakRssMiB: number; probeMs: number; probeBeforeMs: number; probeAfterMs: number }[]; minMs: number } | null; phases: { phase: string }[]; latencies: { query: string; runs: number; warmupRuns: number; firstMs: number }[] }[]
    }
    expect(result.machine.cores).toBeGreaterThan(0)
    expect(result.machine.node).toBe(process.version)
    expect(result.compare).toBeNull()
    expect(result.pmapper).toBeNull()
    expect(result.targets).toHaveLength(5)
    expect(result.targets.every((t) => t.verdict === 'not run')).toBe(true)
    const [s] = result.runs
    expect(s?.scale).toBe('S')
    expect(s!.graph.nodes).toBeGreaterThan(1000)
    expect(s!.graph.edges).toBeGreaterThan(s!.graph.nodes)
    expect(s!.ingestMs).toBeGreaterThan(0)
    expect(s!.ingestCpuMs).toBeGreaterThan(0)
    // The cold CLI run really ran the command: its own peak RSS and CPU came back from the child.
    expect(s!.cliIngest?.runs).toHaveLength(1)
    expect(s!.cliIngest!.runs[0]!.peakRssMiB).toBeGreaterThan(20)
    expect(s!.cliIngest!.runs[0]!.cpuMs).toBeGreaterThan(0)
    // …and the machine probe ran in its own process before it.
    const run = s!.cliIngest!.runs[0]!
    expect(run.probeBeforeMs).toBeGreaterThan(0)
    expect(run.probeAfterMs).toBeGreaterThan(0)
    expect(run.probeMs).toBe(Math.round((run.probeBeforeMs + run.probeAfterMs) / 2))
    expect(stdout).toMatch(/machine probe before\/after ms/)
    expect(s!.cliIngest!.minMs).toBe(s!.cliIngest!.runs[0]!.wallMs)
    const phases = s!.phases.map((p) => p.phase)
    for (const phase of ['parse (loaders)', 'evaluate + derive edges', 'snapshot write', 'snapshot read', 'graph build', 'privesc', 'report over-permission']) expect(phases).toContain(phase)
    expect(s!.latencies.map((l) => l.query)).toEqual(['path (k=1)', 'k-paths (k=5)', 'blast radius', 'who-can (crown jewel)', 'min-cut (exposed → tier0)'])
    expect(s!.latencies[0]!.runs).toBe(20)
    expect(s!.latencies.every((l) => l.warmupRuns > 0 && l.firstMs > 0)).toBe(true)
  }, 180_000)
})
