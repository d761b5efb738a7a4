/**
 * @module api/routes/who-can
 * `GET /v1/who-can`: who reaches a resource or tier-zero node, with which access level.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { DEFAULT_BOUNDS } from '../../paths/index.js'
import { AccessLevelSchema, asReply, ERROR_RESPONSES, QueryBoundsParams, SelectorParam } from '../schemas/common.js'
import { WhoCanResultSchema } from '../schemas/paths.js'
import type { ApiDeps } from '../types.js'
import { engineFor, readFilters } from './queries.js'

/** The who-can route. */
export const whoCanRoutes: FastifyPluginAsyncTypebox<{ deps: ApiDeps }> = async (app, { deps }) => {
  app.get(
    '/who-can',
    {
      schema: {
        summary: 'Principals and credentials that reach a target',
        tags: ['queries'],
        querystring: Type.Object({
          to: SelectorParam,
          accessLevel: Type.Optional(AccessLevelSchema),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: DEFAULT_BOUNDS.maxLimit })),
          ...QueryBoundsParams,
        }),
        response: { 200: WhoCanResultSchema, ...ERROR_RESPONSES },
      },
      config: { role: 'analyst', audit: true },
    },
    async (request) => {
      const q = request.query
      const engine = await engineFor(deps, q)
      const result = await engine.whoCan({
        to: q.to,
        ...(q.accessLevel ? { accessLevel: q.accessLevel } : {}),
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
        ...readFilters(q),
      })
      request.resultCount = result.total
      return asReply(result)
    },
  )
}
