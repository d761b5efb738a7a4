/**
 * @module bench/run
 * `npm run bench`: runs each scale (S and M by default, L with `--large`) in
 * its own process, the policy-evaluation micro-benchmark, the API throughput
 * run and the comparisons with Cloudsplaining and PMapper, prints tables (the
 * last: a verdict on each DESIGN.md target, bench/targets.ts) and writes JSON
 * under bench/results/ with the machine's cores and Node version.
 *
 * Flags: --scales S,M  --large  --seed N  --queries N  --cli-runs N  --no-compare  --no-pmapper
 *        --pmapper-accounts N  --no-api  --out DIR
 * (`--cli-runs`: cold `crownpath ingest` processes per scale, default 3; L runs one.
 * `--no-compare` skips both peers, `--no-pmapper` PMapper only; `--pmapper-accounts`:
 * how many of the largest accounts PMapper graphs, one process each, default 1.)
 */
import { spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { benchPolicyEvaluation } from './aws-policy.js'
import { benchApi } from './api.js'
import type { ApiBenchResult } from './api.js'
import { compareWithCloudsplaining } from './cloudsplaining.js'
import type { CloudsplainingComparison } from './cloudsplaining.js'
import { compareWithPmapper, formatPmapperLines } from './pmapper.js'
import type { PmapperComparison } from './pmapper.js'
import { growthSteps } from './growth.js'
import type { GrowthInput } from './growth.js'
import { DERIVE_PHASE } from './scale-run.js'
import type { ScaleRunResult } from './scale-run.js'
import { probeRatio } from './stats.js'
import { TARGET_SCALE, checkTargets } from './targets.js'

const here = dirname(fileURLToPath(import.meta.url))

/** Run one scale in a child process with a large heap; resolves with its JSON. */
function runScaleProcess(scale: string, seed: number, queries: number, cliRuns: number, neo4j: boolean): Promise<ScaleRunResult> {
  return new Promise((resolve, reject) => {
    // Only a larger old space (the run keeps the snapshot, the engine and the reports alive at once);
    // the young generation keeps Node's default so the in-process ingest runs as the CLI's does.
    // `--expose-gc` lets the run settle the snapshot load's garbage before it times queries.
    const args = ['--max-old-space-size=12288', '--expose-gc', join(here, 'scale-run.js'), scale, String(seed), String(queries), String(cliRuns), ...(neo4j ? ['neo4j'] : [])]
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`scale ${scale} exited with ${code}`))
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()!) as ScaleRunResult)
      } catch (error) {
        reject(error as Error)
      }
    })
  })
}

/** Right-pad a table. */
function table(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)))
  const line = (cells: readonly (string | number)[]) => cells.map((c, i) => String(c).padEnd(widths[i]!)).join('  ')
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

function growthInputOf(run: ScaleRunResult): GrowthInput {
  return {
    scale: run.scale,
    principals: run.counts['aws.principals'] ?? 0,
    policies: (run.counts['aws.customerPolicies'] ?? 0) + (run.counts['aws.inlinePolicies'] ?? 0),
    edges: run.graph.edges,
    deriveMs: run.phases.find((p) => p.phase === DERIVE_PHASE)?.ms ?? Number.NaN,
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scales: { type: 'string', default: 'S,M' },
      large: { type: 'boolean', default: false },
      seed: { type: 'string', default: '1' },
      queries: { type: 'string', default: '1000' },
      'cli-runs': { type: 'string', default: '3' },
      'no-compare': { type: 'boolean', default: false },
      'no-pmapper': { type: 'boolean', default: false },
      'pmapper-accounts': { type: 'string', default: '1' },
      'no-api': { type: 'boolean', default: false },
      out: { type: 'string', default: join(here, '..', '..', 'bench', 'results') },
    },
  })
  const scales = values.scales.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean)
  if (values.large && !scales.includes('L')) scales.push('L')
  const seed = Number(values.seed)
  const queries = Number(values.queries)
  if (!/^\d+$/.test(values['cli-runs'])) throw new Error(`--cli-runs: expected a whole number of runs (0 skips them), got \`${values['cli-runs']}\``)
  if (!/^[1-9]\d*$/.test(values['pmapper-accounts'])) throw new Error(`--pmapper-accounts: expected a whole number of accounts (at least 1), got \`${values['pmapper-accounts']}\``)
  const machine = { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 1073741824), node: process.version, platform: `${process.platform}-${process.arch}` }
  process.stderr.write(`crownpath bench on ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}\n`)

  const runs: ScaleRunResult[] = []
  for (const scale of scales) {
    process.stderr.write(`scale ${scale}…\n`)
    const cliRuns = scale === 'L' ? Math.min(1, Number(values['cli-runs'])) : Number(values['cli-runs'])
    runs.push(await runScaleProcess(scale, seed, queries, cliRuns, Boolean(process.env['NEO4J_URI'])))
  }
  process.stderr.write('policy evaluation…\n')
  const policy = benchPolicyEvaluation()
  let api: ApiBenchResult | null = null
  if (!values['no-api']) {
    process.stderr.write('API throughput…\n')
    api = await benchApi({ scale: 'S', seed })
  }
  let compare: CloudsplainingComparison | null = null
  const compareScale = scales.includes('M') ? 'M' : (scales[0] as 'S')
  if (!values['no-compare']) {
    process.stderr.write('Cloudsplaining comparison…\n')
    compare = await compareWithCloudsplaining({ scale: compareScale, seed })
  }
  let pmapper: PmapperComparison | null = null
  let pmapperError: string | null = null
  if (!values['no-compare'] && !values['no-pmapper']) {
    process.stderr.write('PMapper comparison…\n')
    // A peer's failure is reported, never fatal: everything else is measured by now.
    try {
      pmapper = await compareWithPmapper({ scale: compareScale, seed, accounts: Number(values['pmapper-accounts']) })
    } catch (error) {
      pmapperError = error instanceof Error ? error.message : String(error)
    }
  }

  const out: string[] = []
  out.push(`machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}`)
  out.push('', table(['scale', 'principals', 'nodes', 'edges', 'ingest ms', 'ingest CPU ms', 'ingest peak RSS MiB', 'run peak RSS MiB'], runs.map((r) => [r.scale, r.counts['aws.principals'] ?? 0, r.graph.nodes, r.graph.edges, r.ingestMs, r.ingestCpuMs, r.ingestPeakRssMiB, r.peakRssMiB])))
  const cli = runs.flatMap((r) => (r.cliIngest ? [{ scale: r.scale, ...r.cliIngest }] : []))
  if (cli.length > 0) {
    out.push('', '`crownpath ingest manifest` in fresh processes (Node start-up and cold JIT included):')
    out.push(table(['scale', 'runs', 'min ms', 'median ms', 'each run ms (CPU ms; machine probe before/after ms; wall ÷ mean probe)', 'peak RSS MiB'], cli.map((c) => [c.scale, c.runs.length, c.minMs, c.medianMs, c.runs.map((r) => `${r.wallMs} (${r.cpuMs}; ${r.probeBeforeMs}/${r.probeAfterMs}; ×${probeRatio(r.wallMs, r.probeMs)})`).join(', '), c.maxPeakRssMiB])))
    out.push('(machine probe: a fixed JavaScript workload timed in a fresh process just before and just after each run; a higher figure means the machine itself was slower then, and wall ÷ the mean probe compares runs made at different speeds)')
  }
  out.push('', table(['scale', 'phase', 'ms', 'heap MiB', 'note'], runs.flatMap((r) => r.phases.map((p) => [r.scale, p.phase, p.ms, p.heapMiB, p.note ?? '']))))
  const growth = growthSteps(runs.map(growthInputOf))
  if (growth.length > 0) {
    out.push('', table(['step', 'principals ×', 'policies ×', 'edges ×', 'derive time ×', 'k by policies', 'k by edges'], growth.map((g) => [`${g.from} → ${g.to}`, g.principalsRatio, g.policiesRatio, g.edgesRatio, g.deriveRatio, g.exponentByPolicies, g.exponentByEdges])))
    out.push('(edge derivation grows as sizeᵏ between scales: k ≈ 1 is linear, k ≈ 2 quadratic; the scales ran minutes apart, so the machine\'s speed may differ between them)')
  }
  out.push('', table(['scale', 'query', 'warm-up runs', 'first (cold) ms', 'runs', 'median ms', 'p99 ms', 'max ms'], runs.flatMap((r) => r.latencies.map((l) => [r.scale, l.query, l.warmupRuns, l.firstMs, l.runs, l.medianMs, l.p99Ms, l.maxMs]))))
  out.push('(queries are timed after one full garbage collection that clears what reading the snapshot left behind)')
  const neo = runs.flatMap((r) => (r.neo4j ? [{ scale: r.scale, ...r.neo4j }] : []))
  if (neo.length > 0) out.push('', table(['scale', 'neo4j write ms', 'rows/s', 'privesc ms', 'queries (median ms)'], neo.map((n) => [n.scale, n.writeMs, n.writeRowsPerSecond, n.privescMs, n.latencies.map((l) => `${l.query} ${l.medianMs}`).join('; ')])))
  out.push('', `policy evaluation: ${policy.decisionsPerSecond.toLocaleString('en-US')} decisions/s per core (${policy.decisions.toLocaleString('en-US')} decisions over ${policy.principals} principals, ${policy.statements} statements)`)
  if (api) out.push(`API: ${api.route} ${api.requestsPerSecond} req/s, p99 ${api.p99Ms} ms over ${api.durationSeconds} s (${api.connections} connections, loopback)`)
  if (compare) {
    const ratio = compare.ratio ?? (compare.ratioAtLeast !== undefined ? `≥ ${compare.ratioAtLeast}` : '—')
    out.push(`Cloudsplaining: ${compare.cloudsplainingMs ?? '—'} ms vs crownpath ${compare.crownpathMs} ms on ${compare.principals} principals / ${compare.policies} managed policies → ratio ${ratio} (${compare.note})`)
  }
  if (pmapperError) out.push(`PMapper: not compared (${pmapperError})`)
  if (pmapper) out.push(...formatPmapperLines(pmapper))
  // The comparison counts for the target only when it ran on the target scale.
  const targets = checkTargets(runs, compareScale === TARGET_SCALE ? compare : null)
  out.push('', `targets of ../shared/DESIGN.md, on scale ${TARGET_SCALE}:`, table(['target', 'measured', 'verdict'], targets.map((t) => [t.target, t.measured, t.verdict])))
  process.stdout.write(`${out.join('\n')}\n`)

  mkdirSync(values.out, { recursive: true })
  const file = join(values.out, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
  writeFileSync(file, `${JSON.stringify({ machine, seed, runs, growth, policy, api, compare, targets, pmapper: pmapper ?? (pmapperError ? { error: pmapperError } : null) }, null, 2)}\n`)
  process.stderr.write(`results written to ${file}\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
