/**
 * @module api/routes/health
 * `GET /health`: liveness without authentication.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { ApiDeps } from '../types.js'

/** The health route. */
export const healthRoutes: FastifyPluginAsyncTypebox<{ deps: ApiDeps }> = async (app, { deps }) => {
  app.get(
    '/health',
    {
      schema: {
        summary: 'Liveness',
        tags: ['health'],
        response: { 200: Type.Object({ status: Type.Literal('ok'), version: Type.String(), auth: Type.Union([Type.Literal('required'), Type.Literal('demo')]) }) },
      },
    },
    async () => ({ status: 'ok' as const, version: deps.version ?? '0.0.0', auth: deps.config.auth ? ('required' as const) : ('demo' as const) }),
  )
}
