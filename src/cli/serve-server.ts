/**
 * @module cli/serve-server
 * What `crownpath serve` runs: the server's dependencies built at the top
 * layer (the engine cache, the token table, the simulate evaluator, the upload
 * ingest, the report runner) and the listening server. A file of its own so
 * that only `serve` loads the HTTP stack (fastify, the JWT verifiers): every
 * other command starts without it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import pino from 'pino'
import type { ApiConfig, ApiDeps, AuthConfig, TokenRepository, UploadRequest } from '../api/index.js'
import { buildServer, createEngineCache, isLoopbackHost, openTokenRepository } from '../api/index.js'
import type { ActionCatalog } from '../aws/policy/index.js'
import { compileAuthorizer } from '../aws/policy/index.js'
import type { GraphStore, SnapshotMeta } from '../graph/index.js'
import { readActionCatalog, runIngest } from '../ingest/index.js'
import type { LoaderInvocation } from '../ingest/index.js'
import { CrownpathError } from '../model/index.js'
import { REPORTS, ReportRunStore, buildReport, loadReportInput } from '../reports/index.js'
import { openEngineFor } from './engine.js'
import { CLI_VERSION } from './version.js'

export { isLoopbackHost, loadAuthConfig } from '../api/index.js'

/** Where the built web page lives (dist/web beside the package), if built. */
function findWebRoot(): string | null {
  for (const relative of ['../../web', '../../../dist/web', '../../dist/web']) {
    const dir = fileURLToPath(new URL(relative, import.meta.url))
    if (existsSync(join(dir, 'index.html'))) return dir
  }
  return null
}

/**
 * Ingest an upload: write its files to a temporary folder and run the loaders
 * on them, with the server's action catalogue when it gives one (read once, not per upload).
 */
export function createUploadIngest(store: GraphStore, awsCatalog?: () => Promise<ActionCatalog>): (upload: UploadRequest) => Promise<SnapshotMeta> {
  return async (upload) => {
    const dir = await mkdtemp(join(tmpdir(), 'crownpath-upload-'))
    try {
      const loaders: LoaderInvocation[] = []
      for (const [i, input] of upload.inputs.entries()) {
        // Uploads never make the server call a cloud API.
        if (input.loader.endsWith('-live')) throw new CrownpathError('CP_ERR_USAGE', { reason: `loader \`${input.loader}\` collects live and cannot be used in an upload` })
        const args: Record<string, unknown> = { ...(input.options ?? {}) }
        for (const [key, value] of Object.entries(input.files)) {
          const docs = Array.isArray(value) && key !== 'json' ? value : [value]
          const paths: string[] = []
          for (const [j, doc] of docs.entries()) {
            const file = join(dir, `${i}-${key.replace(/[^A-Za-z0-9_-]/g, '_')}-${j}.${typeof doc === 'string' ? 'txt' : 'json'}`)
            await writeFile(file, typeof doc === 'string' ? doc : JSON.stringify(doc))
            paths.push(file)
          }
          args[key] = Array.isArray(value) ? paths : paths[0]
        }
        loaders.push({ loader: input.loader, args, cwd: dir })
      }
      const result = await runIngest({ store, loaders, label: upload.label ?? 'upload', cwd: dir, ...(awsCatalog ? { awsCatalog } : {}) })
      return result.snapshot
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
}

/** Options of {@link startServer}. */
export interface StartServerOptions {
  readonly store: GraphStore
  readonly host: string
  readonly port: number
  readonly auth: AuthConfig | null
  /** SQLite file of the token table (the memory store's file). */
  readonly tokenDb: string | null
  /** SQLite file where `crownpath schedule` keeps report runs (served at /v1/report-runs); null for none. */
  readonly reportRunsDb?: string | null
  readonly logger?: pino.Logger
}

/** A running server. */
export interface RunningServer {
  readonly app: FastifyInstance
  readonly url: string
  close(): Promise<void>
}

/** Build the dependencies, check the bind address against the auth mode, and listen. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { store, host, auth } = options
  if (!auth && !isLoopbackHost(host)) throw new CrownpathError('CP_ERR_SERVE_UNSAFE_BIND', { host })
  const logger = options.logger ?? pino({ level: 'info', redact: ['req.headers.authorization'] }, pino.destination(2))
  const tokens: TokenRepository | undefined = auth?.tokens && options.tokenDb ? openTokenRepository(options.tokenDb) : undefined
  const engines = createEngineCache(store, (snapshotId) => openEngineFor(store, snapshotId))
  const reportRuns = options.reportRunsDb ? new ReportRunStore(options.reportRunsDb) : null
  const config: ApiConfig = { auth, webRoot: findWebRoot() }
  // The catalogue is the same data for every report request and upload: read it on the first, keep it.
  let catalog: Promise<ActionCatalog> | null = null
  const actionCatalog = (): Promise<ActionCatalog> =>
    (catalog ??= readActionCatalog().catch((error: unknown) => {
      catalog = null
      throw error
    }))
  const deps: ApiDeps = {
    store,
    openEngine: engines.openEngine,
    config,
    logger,
    ...(tokens ? { tokens } : {}),
    ...(reportRuns ? { reportRuns: { list: (job?: string, limit?: number) => reportRuns.list(job, limit), get: (id: number) => reportRuns.get(id) } } : {}),
    version: CLI_VERSION,
    simulate: async (ref, request) => {
      const inventory = await store.readInventory(ref)
      return compileAuthorizer(inventory.aws).evaluate(request)
    },
    ingest: createUploadIngest(store, actionCatalog),
    reports: {
      list: () => REPORTS.map((r) => ({ name: r.name, summary: r.title, formats: [...r.formats] })),
      run: async (name, ref) =>
        buildReport(name, await loadReportInput({ store, ref, openEngine: (id) => openEngineFor(store, id), catalog: await actionCatalog(), now: new Date() })),
    },
  }
  const app = await buildServer(deps)
  const url = await app.listen({ host, port: options.port })
  if (!auth) logger.warn({ host, url }, 'serving WITHOUT authentication on loopback only (demo mode): pass --auth-config to require tokens or OIDC')
  else logger.info({ url, tokens: auth.tokens, oidc: auth.oidc?.issuer ?? null }, 'serving with authentication')
  return {
    app,
    url,
    async close() {
      await app.close()
      engines.clear()
      tokens?.close()
      reportRuns?.close()
    },
  }
}
