/**
 * @module bench/cloudsplaining
 * The side-by-side run: Cloudsplaining's `scan` and crownpath's
 * over-permission report on the same authorization-details file, in one run,
 * reported as a ratio. Cloudsplaining is installed from PyPI into a venv
 * under the user's cache the first time (it is a benchmark peer, not a
 * dependency).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { generateOrganisation } from '../src/generate/index.js'
import type { ScaleName } from '../src/generate/index.js'
import { openMemoryStore } from '../src/graph/index.js'
import { collectInventory, readActionCatalog } from '../src/ingest/index.js'
import { DEFAULT_CLASSIFICATION_CONFIG, compileClassifier } from '../src/model/index.js'
import { openMemoryEngine } from '../src/paths/index.js'
import { DEFAULT_REPORT_SETTINGS, buildReport } from '../src/reports/index.js'
import { deriveGraph } from '../src/techniques/index.js'
import { ensurePythonVenv } from './python-venv.js'

/** The pinned peer version. */
export const CLOUDSPLAINING_VERSION = '0.9.1'

/** Result of the comparison. */
export interface CloudsplainingComparison {
  readonly file: string
  readonly principals: number
  readonly policies: number
  readonly cloudsplainingMs: number | null
  readonly crownpathMs: number
  /** cloudsplaining time / crownpath time (> 1 means crownpath is faster). */
  readonly ratio: number | null
  /** When cloudsplaining was stopped at the time limit: the ratio is at least this. */
  readonly ratioAtLeast?: number
  readonly note: string
}

/** How long cloudsplaining may run before it is stopped (the ratio then becomes a lower bound). */
const CLOUDSPLAINING_TIMEOUT_MS = 1_800_000

/** The venv's `cloudsplaining` executable at the pinned version, installing it when missing; an error text when it cannot be. */
export function ensureCloudsplaining(): { readonly bin: string } | { readonly error: string } {
  const installed = ensurePythonVenv('cloudsplaining', [`cloudsplaining==${CLOUDSPLAINING_VERSION}`])
  if ('error' in installed) return installed
  const bin = join(installed.venv, 'bin', 'cloudsplaining')
  return existsSync(bin) ? { bin } : { error: `${bin} is missing after the install` }
}

/** Merge several authorization-details files (CLI shape) into one, as Cloudsplaining reads one file. */
export function mergeAuthDetails(files: readonly string[]): Record<string, unknown[]> {
  const merged: Record<string, unknown[]> = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] }
  const seenPolicies = new Set<string>()
  for (const file of files) {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown[]>
    // Cloudsplaining reads the CLI shape only: skip raw URL-encoded files.
    const firstRole = doc['RoleDetailList']?.[0] as Record<string, unknown> | undefined
    if (firstRole && typeof firstRole['AssumeRolePolicyDocument'] === 'string') continue
    for (const key of ['UserDetailList', 'GroupDetailList', 'RoleDetailList'] as const) merged[key]!.push(...(doc[key] ?? []))
    for (const p of doc['Policies'] ?? []) {
      const arn = (p as { Arn: string }).Arn
      if (seenPolicies.has(arn)) continue
      seenPolicies.add(arn)
      merged['Policies']!.push(p)
    }
  }
  return merged
}

/** Time both tools on the same file. crownpath's time covers load + derive + the over-permission report. */
export async function compareWithCloudsplaining(options: { scale: ScaleName; seed: number }): Promise<CloudsplainingComparison> {
  const dir = mkdtempSync(join(tmpdir(), 'crownpath-cs-'))
  try {
    const org = await generateOrganisation(options.scale, options.seed, join(dir, 'org'))
    const authDetailsFiles = org.files.filter((f) => f.startsWith('aws/auth-details-')).map((f) => join(dir, 'org', f))
    const file = join(dir, 'authorization-details.json')
    const merged = mergeAuthDetails(authDetailsFiles)
    writeFileSync(file, JSON.stringify(merged))
    const principals = merged['UserDetailList']!.length + merged['RoleDetailList']!.length
    const policies = merged['Policies']!.length

    const start = performance.now()
    const now = new Date('2026-11-27T00:00:00Z')
    const inventory = await collectInventory({ loaders: [{ loader: 'aws-auth-details', args: { authDetails: [file] } }], now })
    const catalog = await readActionCatalog()
    const derived = deriveGraph(inventory, { classifier: compileClassifier(DEFAULT_CLASSIFICATION_CONFIG), now, awsCatalog: catalog })
    const store = openMemoryStore({ path: ':memory:' })
    const meta = await store.writeSnapshot({ nodes: derived.nodes, edges: derived.edges, inventory, issues: derived.issues, createdAt: now })
    const engine = openMemoryEngine(derived)
    await buildReport('over-permission', { meta, nodes: derived.nodes, edges: derived.edges, inventory, engine, settings: DEFAULT_REPORT_SETTINGS, catalog, now })
    const crownpathMs = Math.round(performance.now() - start)
    await store.close()

    const installed = ensureCloudsplaining()
    if ('error' in installed) return { file, principals, policies, cloudsplainingMs: null, crownpathMs, ratio: null, note: `cloudsplaining could not be installed from PyPI: ${installed.error}` }
    const bin = installed.bin
    mkdirSync(join(dir, 'cs-out'), { recursive: true })
    const csStart = performance.now()
    const run = spawnSync(bin, ['scan', '--input-file', file, '--output', join(dir, 'cs-out'), '--skip-open-report'], { encoding: 'utf8', timeout: CLOUDSPLAINING_TIMEOUT_MS })
    const cloudsplainingMs = Math.round(performance.now() - csStart)
    // Stopped at the limit: the ratio is a lower bound, still measured in this run.
    if (run.status === null && run.signal !== null && cloudsplainingMs >= CLOUDSPLAINING_TIMEOUT_MS) {
      return { file, principals, policies, cloudsplainingMs: null, crownpathMs, ratio: null, ratioAtLeast: Math.round((cloudsplainingMs / crownpathMs) * 100) / 100, note: `cloudsplaining ${CLOUDSPLAINING_VERSION} scan did not finish within ${CLOUDSPLAINING_TIMEOUT_MS / 60_000} min (stopped); crownpath load + derive + over-permission report on the same file took ${crownpathMs} ms` }
    }
    if (run.status !== 0) return { file, principals, policies, cloudsplainingMs: null, crownpathMs, ratio: null, note: `cloudsplaining failed: ${(run.stderr || run.stdout).slice(-300)}` }
    return { file, principals, policies, cloudsplainingMs, crownpathMs, ratio: Math.round((cloudsplainingMs / crownpathMs) * 100) / 100, note: `cloudsplaining ${CLOUDSPLAINING_VERSION} scan vs crownpath load + derive + over-permission report, same file` }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
