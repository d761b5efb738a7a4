/**
 * @module api/routes/blast-radius
 * `GET /v1/blast-radius`: everything a node or set reaches, grouped and scored.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { DEFAULT_BOUNDS } from '../../paths/index.js'
import { asReply, ERROR_RESPONSES, QueryBoundsParams, SelectorParam } from '../schemas/common.js'
import { BlastRadiusResultSchema } from '../schemas/paths.js'
import type { ApiDeps } from '../types.js'
import { engineFor, readFilters } from './queries.js'

/** The blast-radius route. */
export const blastRadiusRoutes: FastifyPluginAsyncTypebox<{ deps: ApiDeps }> = async (app, { deps }) => {
  app.get(
    '/blast-radius',
    {
      schema: {
        summary: 'Blast radius of a principal or credential',
        tags: ['queries'],
        querystring: Type.Object({
          from: SelectorParam,
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: DEFAULT_BOUNDS.maxLimit, description: `nodes listed per group (default ${DEFAULT_BOUNDS.blastRadiusLimit})` })),
          ...QueryBoundsParams,
        }),
        response: { 200: BlastRadiusResultSchema, ...ERROR_RESPONSES },
      },
      config: { role: 'analyst', audit: true },
    },
    async (request) => {
      const q = request.query
      const engine = await engineFor(deps, q)
      const result = await engine.blastRadius({ from: q.from, ...(q.limit !== undefined ? { limit: q.limit } : {}), ...readFilters(q) })
      request.resultCount = result.totals.principals + result.totals.resources + result.totals.scopes
      return asReply(result)
    },
  )
}
