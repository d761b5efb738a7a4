/**
 * @module cli/commands/serve
 * `crownpath serve`: the HTTP API (and web page). The server itself is built
 * in ../serve-server.ts, loaded when this command runs. Without an auth config
 * it binds loopback only (demo mode) and says so.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { GraphStore } from '../../graph/index.js'
import { openStore } from '../../graph/index.js'
import { ingestDemo } from '../../ingest/index.js'
import { CrownpathError } from '../../model/index.js'
import type { CliCommand } from '../command.js'

/** The serve command. */
export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'serve the HTTP API, OpenAPI docs (/docs) and web page',
  configure: (cmd) =>
    cmd
      .option('--host <host>', 'bind address (without --auth-config only loopback is allowed)', '127.0.0.1')
      .option('--port <port>', 'port (default: env PORT or 8080)')
      .option('--demo', 'ingest the bundled demo organisation into a temporary store and serve it unauthenticated on 127.0.0.1')
      .option('--auth-config <file>', 'JSON auth config: { "tokens": true, "oidc": { "issuer", "audience", "roleClaim", "roleMap" } }'),
  run: async ({ opts, ctx }) => {
    const { isLoopbackHost, loadAuthConfig, startServer } = await import('../serve-server.js')
    const host = String(opts['host'])
    const port = Number(opts['port'] ?? ctx.env['PORT'] ?? 8080)
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CrownpathError('CP_ERR_USAGE', { reason: `invalid port \`${String(opts['port'] ?? ctx.env['PORT'])}\`` })
    const isDemo = Boolean(opts['demo'])
    if (isDemo && opts['authConfig']) throw new CrownpathError('CP_ERR_USAGE', { reason: '--demo serves unauthenticated: do not combine it with --auth-config' })
    const auth = opts['authConfig'] ? await loadAuthConfig(resolve(ctx.cwd, String(opts['authConfig']))) : null
    let demoDir: string | null = null
    let store: GraphStore
    if (isDemo) {
      if (!isLoopbackHost(host)) throw new CrownpathError('CP_ERR_SERVE_UNSAFE_BIND', { host })
      demoDir = await mkdtemp(join(tmpdir(), 'crownpath-demo-'))
      store = await openStore({ kind: 'memory', path: join(demoDir, 'demo.db') })
      await ingestDemo(store, { now: ctx.now() })
    } else {
      store = await ctx.openStore()
    }
    const server = await startServer({ store, host, port, auth, tokenDb: ctx.globals.store === 'memory' ? ctx.globals.db : null, reportRunsDb: isDemo ? null : ctx.globals.db })
    ctx.stderr(`crownpath listening on ${server.url}${auth ? '' : ' (demo mode: no authentication, loopback only)'}\n`)
    // Serve until interrupted; then close cleanly so the SQLite files are released.
    await new Promise<void>((done) => {
      const stop = (): void => {
        process.off('SIGINT', stop)
        process.off('SIGTERM', stop)
        done()
      }
      process.on('SIGINT', stop)
      process.on('SIGTERM', stop)
    })
    await server.close()
    if (demoDir) {
      await store.close()
      await rm(demoDir, { recursive: true, force: true })
    }
    return { json: { stopped: true, url: server.url }, table: 'stopped' }
  },
}
