/**
 * @module api/routes/simulate
 * `POST /v1/simulate`: ask the AWS evaluator one question against a
 * snapshot's inventory. The evaluator is injected (`deps.simulate`) by the
 * CLI layer: the API may not import evaluators (STYLE.md layering).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { CrownpathError } from '../../model/index.js'
import { asReply, ERROR_RESPONSES, SnapshotParam } from '../schemas/common.js'
import type { ApiDeps } from '../types.js'

/** The simulate route. */
export const simulateRoutes: FastifyPluginAsyncTypebox<{ deps: ApiDeps }> = async (app, { deps }) => {
  app.post(
    '/simulate',
    {
      schema: {
        summary: 'Evaluate one AWS request (principal, action, resource, context)',
        tags: ['simulate'],
        body: Type.Object({
          snapshot: SnapshotParam,
          principal: Type.String({ minLength: 1 }),
          action: Type.String({ minLength: 3, pattern: '^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$' }),
          resource: Type.String({ minLength: 1 }),
          context: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())]))),
        }),
        response: {
          200: Type.Object(
            {
              decision: Type.Union([Type.Literal('allowed'), Type.Literal('explicitDeny'), Type.Literal('implicitDeny')]),
              matched: Type.Array(Type.Object({}, { additionalProperties: true })),
            },
            { additionalProperties: true },
          ),
          501: ERROR_RESPONSES[400],
          ...ERROR_RESPONSES,
        },
      },
      config: { role: 'analyst', audit: true },
    },
    async (request) => {
      if (!deps.simulate) throw new CrownpathError('CP_ERR_FEATURE_UNAVAILABLE', { feature: 'simulate', reason: 'no policy evaluator was configured' })
      const { snapshot, ...question } = request.body
      const result = await deps.simulate(snapshot ?? 'latest', question)
      request.resultCount = 1
      return asReply(result)
    },
  )
}
