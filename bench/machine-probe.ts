/**
 * @module bench/machine-probe
 * A fixed JavaScript workload timed in a fresh process right before and right
 * after each cold ingest. A shared machine's speed swings by half between minutes (the same
 * build's M ingest took 10 s and 15 s within the hour); the probe's time,
 * printed beside each run, tells a reader whether a slow run was crownpath or
 * the machine. It builds and looks up objects, strings and Maps and round-trips
 * them through JSON, as an ingest does, so both slow down alike.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'
import { isRunAsScript } from './stats.js'

/** Records per probe: 1.26–1.36 s per run on this bench's 2-core machine, in its fast phase. */
const PROBE_RECORDS = 200_000

interface ProbeRecord {
  readonly id: string
  readonly kind: string
  readonly cost: number
  readonly evidence: readonly { readonly policy: string; readonly statement: number }[]
}

/** The workload. Deterministic: it returns the same checksum on every run. */
export function probeWorkload(records = PROBE_RECORDS): number {
  const byId = new Map<string, ProbeRecord>()
  const list: ProbeRecord[] = []
  for (let i = 0; i < records; i++) {
    const id = [`arn:aws:iam::${300000000000 + (i % 50)}`, `role/probe-${i}`].join(':')
    const record = { id, kind: 'CanControl', cost: i % 4, evidence: [{ policy: `${id}#inline`, statement: i % 7 }] }
    byId.set(id, record)
    list.push(record)
  }
  const parsed = JSON.parse(JSON.stringify(list)) as ProbeRecord[]
  let checksum = 0
  for (const record of parsed) checksum = (checksum + (byId.get(record.id)?.cost ?? 0) + (record.evidence[0]?.statement ?? 0)) | 0
  list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return (checksum + list.length) | 0
}

/** Run the workload in a fresh Node process; resolves to spawn-to-exit milliseconds. */
export function timeMachineProbe(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const start = performance.now()
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], { stdio: 'ignore' })
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve(Math.round(performance.now() - start)) : reject(new Error(`the machine probe exited with ${code}`))))
  })
}

if (isRunAsScript(import.meta.url)) probeWorkload()
