/**
 * @module bench/cli-ingest
 * The ingest as a user runs it: `crownpath ingest manifest <file>` in a fresh
 * process (cold JIT, Node's default heap flags), timed from spawn to exit and
 * repeated, because a shared machine's speed swings between minutes and one
 * run says little. Peak RSS and CPU time are the child's own: a preload module
 * writes its `process.resourceUsage()` to a file when it exits.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { performance } from 'node:perf_hooks'
import { timeMachineProbe } from './machine-probe.js'
import { RUSAGE_FILE_VARIABLE } from './rusage-preload.js'
import { percentile } from './stats.js'

const here = dirname(fileURLToPath(import.meta.url))
/** The CLI entry as installed (`bin/crownpath.js`, next to dist/). */
const CLI = join(here, '..', '..', 'bin', 'crownpath.js')
const PRELOAD = pathToFileURL(join(here, 'rusage-preload.js')).href

/** One `crownpath ingest manifest` process. */
export interface CliIngestRun {
  /** Spawn to exit, Node start-up included. */
  readonly wallMs: number
  /** User + system CPU of the process, all its threads. */
  readonly cpuMs: number
  readonly peakRssMiB: number
  /**
   * The machine probe's time ({@link timeMachineProbe}; higher means a slower machine): the mean
   * of one probe just before the run and one just after, because the machine's speed also moves
   * during a run (session 9 saw one bench run at 9.2 × its probe where its neighbours were 6.5–8.2).
   */
  readonly probeMs: number
  readonly probeBeforeMs: number
  readonly probeAfterMs: number
}

/** Repeated cold ingests of one organisation. */
export interface CliIngestResult {
  readonly runs: readonly CliIngestRun[]
  readonly minMs: number
  readonly medianMs: number
  readonly maxPeakRssMiB: number
}

/** Summarise the runs. */
export function summariseCliIngest(runs: readonly CliIngestRun[]): CliIngestResult {
  return {
    runs,
    minMs: Math.min(...runs.map((r) => r.wallMs)),
    medianMs: percentile([...runs.map((r) => r.wallMs)].sort((a, b) => a - b), 50),
    maxPeakRssMiB: Math.max(...runs.map((r) => r.peakRssMiB)),
  }
}

/** What one process reports about itself; the probes around it are added by {@link timeCliIngest}. */
type ProcessRun = Omit<CliIngestRun, 'probeMs' | 'probeBeforeMs' | 'probeAfterMs'>

/** One cold ingest of `manifest` into a fresh database; rejects with the CLI's last output lines when it fails. */
function runOnce(manifest: string): Promise<ProcessRun> {
  const work = mkdtempSync(join(tmpdir(), 'crownpath-bench-cli-'))
  const usageFile = join(work, 'rusage.json')
  return new Promise<ProcessRun>((resolve, reject) => {
    const start = performance.now()
    const child = spawn(process.execPath, ['--import', PRELOAD, CLI, '--db', join(work, 'cli.db'), 'ingest', 'manifest', manifest], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, [RUSAGE_FILE_VARIABLE]: usageFile },
    })
    let tail = ''
    child.stderr.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString('utf8')).slice(-2000)))
    child.on('error', reject)
    child.on('close', (code) => {
      const wallMs = Math.round(performance.now() - start)
      if (code !== 0 || !existsSync(usageFile)) return reject(new Error(`crownpath ingest exited with ${code}: ${tail.trim().split('\n').slice(-3).join(' | ')}`))
      const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as NodeJS.ResourceUsage
      resolve({ wallMs, cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000), peakRssMiB: Math.round(usage.maxRSS / 1024) })
    })
  }).finally(() => rmSync(work, { recursive: true, force: true }))
}

/** `runs` cold ingests of `manifest`, one after the other, each between two machine probes. */
export async function timeCliIngest(manifest: string, runs: number): Promise<CliIngestResult> {
  const results: CliIngestRun[] = []
  for (let i = 0; i < runs; i++) {
    const probeBeforeMs = await timeMachineProbe()
    const run = await runOnce(manifest)
    const probeAfterMs = await timeMachineProbe()
    results.push({ ...run, probeBeforeMs, probeAfterMs, probeMs: meanProbe(probeBeforeMs, probeAfterMs) })
  }
  return summariseCliIngest(results)
}

/** The probe time a run is compared with: the mean of the probes around it. */
export function meanProbe(beforeMs: number, afterMs: number): number {
  return Math.round((beforeMs + afterMs) / 2)
}
