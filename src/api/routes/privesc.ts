/**
 * @module api/routes/privesc
 * `GET /v1/privesc`: every non-tier-zero principal that reaches tier zero.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { DEFAULT_BOUNDS } from '../../paths/index.js'
import { asReply, ERROR_RESPONSES, QueryBoundsParams } from '../schemas/common.js'
import { PrivescResultSchema } from '../schemas/paths.js'
import type { ApiDeps } from '../types.js'
import { engineFor, readFilters } from './queries.js'

/** The privesc route. */
export const privescRoutes: FastifyPluginAsyncTypebox<{ deps: ApiDeps }> = async (app, { deps }) => {
  app.get(
    '/privesc',
    {
      schema: {
        summary: 'Privilege-escalation findings',
        tags: ['queries'],
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: DEFAULT_BOUNDS.maxLimit })), ...QueryBoundsParams }),
        response: { 200: PrivescResultSchema, ...ERROR_RESPONSES },
      },
      config: { role: 'analyst', audit: true },
    },
    async (request) => {
      const q = request.query
      const engine = await engineFor(deps, q)
      const result = await engine.privesc({ ...(q.limit !== undefined ? { limit: q.limit } : {}), ...readFilters(q) })
      request.resultCount = result.findings.length
      return asReply(result)
    },
  )
}
