/**
 * @module api/routes/choke-points
 * `GET /v1/choke-points` (edges on the most cheapest paths) and
 * `GET /v1/min-cut` (the smallest set of grants to change).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { DEFAULT_BOUNDS } from '../../paths/index.js'
import { asReply, ERROR_RESPONSES, QueryBoundsParams, SelectorParam } from '../schemas/common.js'
import { ChokePointsResultSchema, MinCutResultSchema } from '../schemas/paths.js'
import type { ApiDeps } from '../types.js'
import { engineFor, readFilters } from './queries.js'

/** The choke-point and min-cut routes. */
export const chokePointsRoutes: FastifyPluginAsyncTypebox<{ deps: ApiDeps }> = async (app, { deps }) => {
  app.get(
    '/choke-points',
    {
      schema: {
        summary: 'Edges crossed by the most of the cheapest paths',
        tags: ['remediation'],
        querystring: Type.Object({
          from: SelectorParam,
          to: SelectorParam,
          paths: Type.Optional(Type.Integer({ minimum: 1, maximum: DEFAULT_BOUNDS.maxK * 10, description: `paths sampled (default ${DEFAULT_BOUNDS.chokePointPaths})` })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
          ...QueryBoundsParams,
        }),
        response: { 200: ChokePointsResultSchema, ...ERROR_RESPONSES },
      },
      config: { role: 'analyst', audit: true },
    },
    async (request) => {
      const q = request.query
      const engine = await engineFor(deps, q)
      const result = await engine.chokePoints({
        from: q.from,
        to: q.to,
        ...(q.paths !== undefined ? { paths: q.paths } : {}),
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
        ...readFilters(q),
      })
      request.resultCount = result.chokePoints.length
      return asReply(result)
    },
  )

  app.get(
    '/min-cut',
    {
      schema: {
        summary: 'Minimum set of grants whose removal disconnects the sources from the targets',
        tags: ['remediation'],
        querystring: Type.Object({
          from: SelectorParam,
          to: SelectorParam,
          ...QueryBoundsParams,
        }),
        response: { 200: MinCutResultSchema, ...ERROR_RESPONSES },
      },
      config: { role: 'analyst', audit: true },
    },
    async (request) => {
      const q = request.query
      const engine = await engineFor(deps, q)
      const result = await engine.minCut({ from: q.from, to: q.to, ...readFilters(q) })
      request.resultCount = result.edges.length
      return asReply(result)
    },
  )
}
