/**
 * @module api/routes/paths
 * `GET /v1/paths`: the k cheapest paths between two selectors.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { DEFAULT_BOUNDS } from '../../paths/index.js'
import { asReply, ERROR_RESPONSES, QueryBoundsParams, SelectorParam } from '../schemas/common.js'
import { PathsResultSchema } from '../schemas/paths.js'
import type { ApiDeps } from '../types.js'
import { engineFor, readFilters } from './queries.js'

/** The paths route. */
export const pathsRoutes: FastifyPluginAsyncTypebox<{ deps: ApiDeps }> = async (app, { deps }) => {
  app.get(
    '/paths',
    {
      schema: {
        summary: 'Cheapest attack paths from a node or set to a node or set',
        tags: ['queries'],
        querystring: Type.Object({
          from: SelectorParam,
          to: SelectorParam,
          k: Type.Optional(Type.Integer({ minimum: 1, maximum: DEFAULT_BOUNDS.maxK, description: 'number of cheapest loop-free paths (default 1)' })),
          ...QueryBoundsParams,
        }),
        response: { 200: PathsResultSchema, ...ERROR_RESPONSES },
      },
      config: { role: 'analyst', audit: true },
    },
    async (request) => {
      const q = request.query
      const engine = await engineFor(deps, q)
      const result = await engine.shortestPaths({ from: q.from, to: q.to, ...(q.k !== undefined ? { k: q.k } : {}), ...readFilters(q) })
      request.resultCount = result.paths.length
      return asReply(result)
    },
  )
}
