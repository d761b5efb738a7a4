/**
 * @module api/server
 * `buildServer(deps)`: the fastify application without `listen` (the CLI's
 * `serve` listens; tests use `inject`). Security headers, body limit, one
 * problem+json error handler, authentication and roles, rate limiting per
 * identity, an audit line per query, OpenAPI at /docs, one plugin per resource
 * under /v1.
 */
import Fastify from 'fastify'
import type { FastifyInstance } from 'fastify'
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { CrownpathError } from '../model/index.js'
import type { JwtVerifier } from './auth.js'
import { installAuth } from './auth.js'
import { createAdjacencyCache } from './engines.js'
import { installProblemHandlers } from './problem.js'
import { blastRadiusRoutes } from './routes/blast-radius.js'
import { chokePointsRoutes } from './routes/choke-points.js'
import { healthRoutes } from './routes/health.js'
import { nodesRoutes } from './routes/nodes.js'
import { pathsRoutes } from './routes/paths.js'
import { privescRoutes } from './routes/privesc.js'
import { reportRunsRoutes } from './routes/report-runs.js'
import { reportsRoutes } from './routes/reports.js'
import { roleHoldersRoutes } from './routes/role-holders.js'
import { simulateRoutes } from './routes/simulate.js'
import { snapshotsRoutes } from './routes/snapshots.js'
import { webRoutes } from './routes/web.js'
import { whoCanRoutes } from './routes/who-can.js'
import { ProblemSchema } from './schemas/common.js'
import type { ApiDeps } from './types.js'

/** Defaults of the server configuration. */
export const API_DEFAULTS = {
  rateLimit: { max: 300, timeWindowMs: 60_000 },
  bodyLimit: 50 * 1024 * 1024,
} as const

/** Test seams that are not configuration. */
export interface BuildServerOptions {
  /** Replace the OIDC verifier (tests inject one bound to a local JWKS). */
  readonly verifyJwt?: JwtVerifier
}

/** Build the HTTP API. Call `ready()` / `inject()` / `listen()` on the result. */
export async function buildServer(deps: ApiDeps, options: BuildServerOptions = {}): Promise<FastifyInstance> {
  const config = deps.config
  if (config.auth?.tokens && !deps.tokens) {
    throw new CrownpathError('CP_ERR_CONFIG_INVALID', { file: 'server config', path: '$.auth.tokens', reason: 'API tokens are enabled but no token table was given' })
  }
  const app = Fastify({
    // Fastify 5 takes a ready pino instance as `loggerInstance`, a flag as `logger`.
    ...(typeof deps.logger === 'object' ? { loggerInstance: deps.logger } : { logger: deps.logger ?? false }),
    bodyLimit: config.bodyLimit ?? API_DEFAULTS.bodyLimit,
    // Query strings arrive as text: let Ajv coerce `k=3` and `excludeConditional=true`.
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: false } },
    // Request ids in logs, never the Authorization header (pino redaction below).
    requestIdHeader: false,
  }).withTypeProvider<TypeBoxTypeProvider>()

  installProblemHandlers(app)
  app.addSchema(ProblemSchema)

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
      },
    },
  })

  installAuth(app, { config: config.auth, ...(deps.tokens ? { tokens: deps.tokens } : {}), ...(options.verifyJwt ? { verifyJwt: options.verifyJwt } : {}) })

  const limits = config.rateLimit ?? API_DEFAULTS.rateLimit
  await app.register(rateLimit, {
    global: true,
    max: limits.max,
    timeWindow: limits.timeWindowMs,
    // After authentication, so the bucket is the identity, not the address (several users behind one proxy).
    hook: 'preHandler',
    keyGenerator: (request) => request.identity?.name ?? request.ip,
    errorResponseBuilder: (_request, context) => new CrownpathError('CP_ERR_RATE_LIMITED', { seconds: Math.max(1, Math.ceil(context.ttl / 1000)) }),
  })

  // One audit line per query: who, what, how long, how many results. Never the query's credentials.
  app.addHook('onResponse', async (request, reply) => {
    if (!request.routeOptions.config?.audit) return
    request.log.info(
      {
        audit: {
          who: request.identity?.name ?? 'unauthenticated',
          role: request.identity?.role ?? null,
          method: request.method,
          route: request.routeOptions.url,
          status: reply.statusCode,
          durationMs: Math.round(reply.elapsedTime * 100) / 100,
          results: request.resultCount,
        },
      },
      'audit',
    )
  })

  if (config.docs !== false) {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'crownpath API',
          version: deps.version ?? '0.0.0',
          description: 'Identity attack paths across AWS and Azure/Entra: paths, blast radius, who-can, choke points, minimum cuts, privilege escalation.',
        },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API token (`cpt_…`) or OIDC JWT' } } },
        security: config.auth ? [{ bearer: [] }] : [],
      },
    })
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: false })
  }

  await app.register(healthRoutes, { deps })
  await app.register(webRoutes, { webRoot: config.webRoot ?? null })
  const adjacency = createAdjacencyCache(deps.store)
  await app.register(
    async (v1) => {
      await v1.register(nodesRoutes, { deps, adjacency })
      await v1.register(pathsRoutes, { deps })
      await v1.register(blastRadiusRoutes, { deps })
      await v1.register(whoCanRoutes, { deps })
      await v1.register(chokePointsRoutes, { deps })
      await v1.register(privescRoutes, { deps })
      await v1.register(roleHoldersRoutes, { deps })
      await v1.register(simulateRoutes, { deps })
      await v1.register(snapshotsRoutes, { deps })
      await v1.register(reportsRoutes, { deps })
      await v1.register(reportRunsRoutes, { deps })
    },
    { prefix: '/v1' },
  )
  return app
}
