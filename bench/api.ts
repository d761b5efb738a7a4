/**
 * @module bench/api
 * API throughput: the server on loopback over one synthetic snapshot,
 * loaded by autocannon with path queries between random principals and
 * tier-zero nodes. Bounded in connections and seconds; loopback only.
 */
import autocannon from 'autocannon'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildServer, createEngineCache } from '../src/api/index.js'
import { generateOrganisation } from '../src/generate/index.js'
import type { ScaleName } from '../src/generate/index.js'
import { createRandom } from '../src/generate/index.js'
import { openMemoryStore } from '../src/graph/index.js'
import { ingestManifest } from '../src/ingest/index.js'

/** What the run measured. */
export interface ApiBenchResult {
  readonly route: string
  readonly connections: number
  readonly durationSeconds: number
  readonly requests: number
  readonly requestsPerSecond: number
  readonly medianMs: number
  readonly p99Ms: number
  readonly errors: number
  readonly non2xx: number
}

/** Serve a synthetic organisation on 127.0.0.1 and load it with path queries. */
export async function benchApi(options: { scale: ScaleName; seed: number; connections?: number; seconds?: number }): Promise<ApiBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'crownpath-api-bench-'))
  const store = openMemoryStore({ path: join(dir, 'api.db') })
  try {
    await generateOrganisation(options.scale, options.seed, join(dir, 'org'))
    await ingestManifest(join(dir, 'org', 'manifest.json'), { store, now: new Date('2026-11-27T00:00:00Z') })
    const content = await store.readSnapshot('latest')
    const random = createRandom(options.seed + 7)
    const principals = content.nodes.filter((n) => n.kind === 'AWSUser' || n.kind === 'AWSRole').map((n) => n.id)
    const targets = content.nodes.filter((n) => n.isTierZero).map((n) => n.id)
    const paths = Array.from({ length: 200 }, () => `/v1/paths?from=${encodeURIComponent(random.pick(principals))}&to=${encodeURIComponent(random.pick(targets))}`)
    const engines = createEngineCache(store)
    const app = await buildServer({ store, openEngine: engines.openEngine, config: { auth: null, rateLimit: { max: 10_000_000, timeWindowMs: 60_000 }, docs: false } })
    await app.listen({ host: '127.0.0.1', port: 0 })
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    // Warm the engine cache so the first requests do not measure the snapshot load.
    await app.inject({ method: 'GET', url: paths[0]! })
    const connections = options.connections ?? 8
    const seconds = options.seconds ?? 10
    let i = 0
    const result = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections,
      duration: seconds,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
    })
    await app.close()
    return {
      route: 'GET /v1/paths',
      connections,
      durationSeconds: seconds,
      requests: result.requests.total,
      requestsPerSecond: Math.round(result.requests.average),
      medianMs: result.latency.p50,
      p99Ms: result.latency.p99,
      errors: result.errors,
      non2xx: result.non2xx,
    }
  } finally {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
