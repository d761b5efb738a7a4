/**
 * @module api/routes/reports
 * `GET /v1/reports` lists the reports the server can run; `GET
 * /v1/reports/:name` runs one as JSON over a snapshot (when a runner is injected).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { CrownpathError } from '../../model/index.js'
import { asReply, ERROR_RESPONSES, SnapshotParam } from '../schemas/common.js'
import type { ApiDeps } from '../types.js'

/** The report routes. */
export const reportsRoutes: FastifyPluginAsyncTypebox<{ deps: ApiDeps }> = async (app, { deps }) => {
  app.get(
    '/reports',
    {
      schema: {
        summary: 'Reports available on this server',
        tags: ['reports'],
        response: {
          200: Type.Object({ reports: Type.Array(Type.Object({ name: Type.String(), summary: Type.String(), formats: Type.Array(Type.String()) })) }),
          ...ERROR_RESPONSES,
        },
      },
      config: { role: 'viewer' },
    },
    async (request) => {
      const reports = deps.reports?.list() ?? []
      request.resultCount = reports.length
      return asReply({ reports })
    },
  )

  app.get(
    '/reports/:name',
    {
      schema: {
        summary: 'Run a report over a snapshot (JSON)',
        tags: ['reports'],
        params: Type.Object({ name: Type.String({ minLength: 1 }) }),
        querystring: Type.Object({ snapshot: SnapshotParam }),
        response: { 200: Type.Unknown(), 501: ERROR_RESPONSES[400], ...ERROR_RESPONSES },
      },
      config: { role: 'analyst', audit: true },
    },
    async (request) => {
      const run = deps.reports?.run
      if (!run) throw new CrownpathError('CP_ERR_FEATURE_UNAVAILABLE', { feature: 'reports', reason: 'no report runner was configured' })
      return asReply(await run(request.params.name, request.query.snapshot ?? 'latest'))
    },
  )
}
