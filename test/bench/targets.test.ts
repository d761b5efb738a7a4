import { describe, expect, it } from 'vitest'
import { summariseCliIngest } from '../../bench/cli-ingest.js'
import type { CloudsplainingComparison } from '../../bench/cloudsplaining.js'
import type { ScaleRunResult } from '../../bench/scale-run.js'
import { checkTargets } from '../../bench/targets.js'

/** A run with only what the targets read; the figures are chosen by hand around each limit. */
function run(scale: 'S' | 'M', over: Partial<ScaleRunResult> = {}): ScaleRunResult {
  const latency = (query: string, medianMs: number, p99Ms: number) => ({ query, runs: 100, medianMs, p99Ms, maxMs: p99Ms, warmupRuns: 10, firstMs: p99Ms })
  return {
    scale,
    seed: 1,
    counts: {},
    graph: { nodes: 0, edges: 0 },
    phases: [],
    latencies: [latency('path (k=1)', 0.05, 20), latency('blast radius', 0.4, 99.9)],
    peakRssMiB: 1300,
    ingestPeakRssMiB: 900,
    ingestMs: 12_000,
    ingestCpuMs: 15_000,
    cliIngest: null,
    neo4j: null,
    ...over,
  } as ScaleRunResult
}

const cliRuns = (walls: number[], peakRssMiB: number) =>
  summariseCliIngest(walls.map((wallMs, i) => ({ wallMs, cpuMs: wallMs, peakRssMiB, probeMs: 1200 + 100 * i, probeBeforeMs: 1200, probeAfterMs: 1200 + 200 * i })))

const compare = (over: Partial<CloudsplainingComparison>): CloudsplainingComparison => ({ file: 'x.json', principals: 8000, policies: 20002, cloudsplainingMs: 60_000, crownpathMs: 6_000, ratio: 10, note: '', ...over })

const verdicts = (runs: ScaleRunResult[], c: CloudsplainingComparison | null) => Object.fromEntries(checkTargets(runs, c).map((t) => [t.target, t.verdict]))

describe('checkTargets', () => {
  it('judges the ingest on the median cold CLI run when there are runs, and its memory on their peak RSS (2 GB as 2·10⁹ bytes: 1950 MiB is over)', () => {
    const checks = checkTargets([run('M', { ingestMs: 12_000, cliIngest: cliRuns([9_800, 10_400, 9_500], 1950) })], null)
    expect(checks[0]).toEqual({ target: 'ingest + edge derivation < 10 s', measured: '9800 ms (median of 3 cold CLI runs; machine probe 1300 ms on average)', verdict: 'met' })
    expect(checks[1]).toMatchObject({ measured: '1950 MiB (peak RSS of the cold CLI runs)', verdict: 'missed' })
  })

  it('falls back to the in-process ingest without CLI runs', () => {
    const checks = checkTargets([run('M', { ingestMs: 10_000, ingestPeakRssMiB: 900 })], null)
    // At the limit is not under it.
    expect(checks[0]).toMatchObject({ measured: '10000 ms (in-process ingest)', verdict: 'missed' })
    expect(checks[1]).toMatchObject({ measured: '900 MiB (peak RSS to the end of the snapshot write)', verdict: 'met' })
  })

  it('judges the path query on its median and the blast radius on its p99', () => {
    expect(verdicts([run('M')], null)).toMatchObject({ 'shortest path < 5 ms median': 'met', 'blast radius < 100 ms': 'met' })
    const slow = run('M', { latencies: [{ query: 'path (k=1)', runs: 1000, medianMs: 5.2, p99Ms: 9, maxMs: 9, warmupRuns: 10, firstMs: 9 }, { query: 'blast radius', runs: 100, medianMs: 1, p99Ms: 100.5, maxMs: 101, warmupRuns: 10, firstMs: 2 }] } as Partial<ScaleRunResult>)
    expect(verdicts([slow], null)).toMatchObject({ 'shortest path < 5 ms median': 'missed', 'blast radius < 100 ms': 'missed' })
  })

  it('needs crownpath faster than Cloudsplaining, and takes a stopped run\'s lower bound', () => {
    const key = 'over-permission report faster than Cloudsplaining'
    expect(verdicts([run('M')], compare({ ratio: 158 }))[key]).toBe('met')
    expect(verdicts([run('M')], compare({ ratio: 0.8 }))[key]).toBe('missed')
    expect(checkTargets([run('M')], compare({ ratio: null, cloudsplainingMs: null, ratioAtLeast: 300 }))[4]).toMatchObject({ measured: '300 × (at least: Cloudsplaining was stopped at its time limit)', verdict: 'met' })
    expect(verdicts([run('M')], null)[key]).toBe('not run')
  })

  it('says "not run" for what the bench did not measure on M', () => {
    expect(new Set(Object.values(verdicts([run('S', { cliIngest: cliRuns([2_000], 200) })], null)))).toEqual(new Set(['not run']))
  })
})
