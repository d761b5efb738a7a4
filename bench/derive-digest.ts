/**
 * @module bench/derive-digest
 * Did a change alter what is derived? `node --expose-gc dist/bench/derive-digest.js M [seed]`
 * generates the organisation (kept under the OS temp folder for the next call),
 * derives its graph in this process and prints the ordered digest of edges,
 * nodes and issues, the counts, the derive time and, with `--expose-gc`, the
 * heap the derived graph keeps after a full collection. A performance change
 * that leaves the digest as it was leaves the graph as it was, order included;
 * the retained heap is a figure the machine's speed does not move.
 */
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { SCALES, generateOrganisation } from '../src/generate/index.js'
import type { ScaleName } from '../src/generate/index.js'
import { collectInventory, loaderInvocation, readActionCatalog, readManifest } from '../src/ingest/index.js'
import { DEFAULT_CLASSIFICATION_CONFIG, compileClassifier } from '../src/model/index.js'
import type { DerivedGraph } from '../src/techniques/index.js'
import { deriveGraph } from '../src/techniques/index.js'
import { isRunAsScript } from './stats.js'

/** "Now" of every digest run, so age-based facts do not change it from day to day. */
const DIGEST_NOW = new Date('2026-11-27T00:00:00Z')

/**
 * The first 16 hex digits of a SHA-256 over the edges (each with its id first,
 * however the edge object orders its keys), then the nodes, then the issues, in
 * the order derived.
 */
export function derivationDigest(graph: DerivedGraph): string {
  const hash = createHash('sha256')
  for (const { id, ...rest } of graph.edges) hash.update(`${JSON.stringify({ id, ...rest })}\n`)
  for (const node of graph.nodes) hash.update(`${JSON.stringify(node)}\n`)
  hash.update(JSON.stringify(graph.issues))
  return hash.digest('hex').slice(0, 16)
}

async function main(scale: ScaleName, seed: number): Promise<void> {
  const root = join(tmpdir(), `crownpath-derive-digest-${scale}-${seed}`)
  const manifestFile = join(root, 'manifest.json')
  if (!existsSync(manifestFile)) await generateOrganisation(scale, seed, root)
  const manifest = await readManifest(manifestFile)
  const inventory = await collectInventory({ loaders: manifest.loaders.map((entry) => loaderInvocation(entry, root)), now: DIGEST_NOW })
  const awsCatalog = await readActionCatalog()
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  const heapBefore = process.memoryUsage().heapUsed
  const start = performance.now()
  const graph = deriveGraph(inventory, { classifier: compileClassifier(DEFAULT_CLASSIFICATION_CONFIG), now: DIGEST_NOW, awsCatalog })
  const deriveMs = Math.round(performance.now() - start)
  gc?.()
  const retained = gc ? `${((process.memoryUsage().heapUsed - heapBefore) / 1048576).toFixed(1)} MiB` : 'unknown (start Node with --expose-gc)'
  process.stdout.write(`${scale} seed ${seed}: digest ${derivationDigest(graph)}; ${graph.nodes.length} nodes, ${graph.edges.length} edges, ${graph.issues.length} issues; derive ${deriveMs} ms; graph retained ${retained}\n`)
}

if (isRunAsScript(import.meta.url)) {
  const [scale = 'M', seed = '1'] = process.argv.slice(2)
  if (!(scale in SCALES) || !/^\d+$/.test(seed)) {
    process.stderr.write(`usage: node --expose-gc dist/bench/derive-digest.js ${Object.keys(SCALES).join('|')} [seed]\n`)
    process.exit(2)
  }
  main(scale as ScaleName, Number(seed)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exit(1)
  })
}
