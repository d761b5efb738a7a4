/**
 * @module test/api/helpers
 * A server over an in-memory store holding one hand-built snapshot (the
 * min-cut case graph plus a tier-zero account), for route tests.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { ApiConfig, ApiDeps, BuildServerOptions, TokenRepository } from '../../src/api/index.js'
import { buildServer, createEngineCache, openTokenRepository } from '../../src/api/index.js'
import type { GraphStore } from '../../src/graph/index.js'
import { openMemoryStore } from '../../src/graph/index.js'
import { emptyInventory } from '../../src/model/index.js'
import type { CaseGraph } from '../conformance/case-graph.js'
import { buildSnapshot } from '../conformance/case-graph.js'
import { PATH_CASES_DIR } from '../conformance/path-engine.suite.js'

/** The graph of a conformance case file. */
export function caseGraph(file: string): CaseGraph {
  return (JSON.parse(readFileSync(join(PATH_CASES_DIR, `${file}.json`), 'utf8')) as { graph: CaseGraph }).graph
}

/** A store holding the given case graphs as snapshots, oldest first. */
export async function storeWith(...graphs: CaseGraph[]): Promise<GraphStore> {
  const store = openMemoryStore({ path: ':memory:' })
  let t = Date.parse('2026-11-27T10:00:00Z')
  for (const graph of graphs) {
    const content = buildSnapshot(graph)
    await store.writeSnapshot({ nodes: content.nodes, edges: content.edges, inventory: emptyInventory(), issues: [], label: 'test', createdAt: new Date((t += 60_000)) })
  }
  return store
}

/** A test server. */
export interface TestServer {
  readonly app: FastifyInstance
  readonly store: GraphStore
  readonly tokens: TokenRepository
  readonly logs: Record<string, unknown>[]
  close(): Promise<void>
}

/** Build a server; `auth: null` is demo mode. */
export async function testServer(options: {
  graphs?: CaseGraph[]
  config?: Partial<ApiConfig>
  deps?: Partial<ApiDeps>
  build?: BuildServerOptions
} = {}): Promise<TestServer> {
  const store = await storeWith(...(options.graphs ?? [caseGraph('min-cut')]))
  const tokens = openTokenRepository(':memory:')
  const logs: Record<string, unknown>[] = []
  const { Writable } = await import('node:stream')
  const pino = (await import('pino')).default
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>)
        done()
      },
    }),
  )
  const engines = createEngineCache(store)
  const app = await buildServer(
    {
      store,
      openEngine: engines.openEngine,
      config: { auth: null, ...options.config },
      tokens,
      logger,
      version: '0.1.0-test',
      ...options.deps,
    },
    options.build,
  )
  await app.ready()
  return {
    app,
    store,
    tokens,
    logs,
    async close() {
      await app.close()
      tokens.close()
      await store.close()
    },
  }
}
