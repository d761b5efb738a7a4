/**
 * @module api/routes/report-runs
 * `GET /v1/report-runs` lists scheduled report runs (newest first, optionally
 * of one job); `GET /v1/report-runs/:id` returns one run with its document
 * and its diff against the job's previous good run (new / resolved findings,
 * new admins, new principals reaching crown jewels).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { CrownpathError } from '../../model/index.js'
import { asReply, ERROR_RESPONSES } from '../schemas/common.js'
import type { ApiDeps } from '../types.js'

const RunSchema = Type.Object({
  id: Type.Integer(),
  job: Type.String(),
  report: Type.String(),
  status: Type.Union([Type.Literal('succeeded'), Type.Literal('failed')]),
  startedAt: Type.String(),
  finishedAt: Type.String(),
  snapshotId: Type.Union([Type.String(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  findingCount: Type.Union([Type.Integer(), Type.Null()]),
  outputs: Type.Array(Type.String()),
})

/** The report-run routes. */
export const reportRunsRoutes: FastifyPluginAsyncTypebox<{ deps: ApiDeps }> = async (app, { deps }) => {
  const runs = () => {
    if (!deps.reportRuns) throw new CrownpathError('CP_ERR_FEATURE_UNAVAILABLE', { feature: 'report runs', reason: 'this server keeps no report-run store' })
    return deps.reportRuns
  }
  app.get(
    '/report-runs',
    {
      schema: {
        summary: 'Scheduled report runs, newest first',
        tags: ['reports'],
        querystring: Type.Object({ job: Type.Optional(Type.String({ minLength: 1 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }),
        response: { 200: Type.Object({ runs: Type.Array(RunSchema) }), ...ERROR_RESPONSES },
      },
      config: { role: 'viewer' },
    },
    async (request) => {
      const list = runs().list(request.query.job, request.query.limit ?? 100)
      request.resultCount = list.length
      return asReply({ runs: list })
    },
  )
  app.get(
    '/report-runs/:id',
    {
      schema: {
        summary: 'One report run with its document and its diff against the previous good run',
        tags: ['reports'],
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 200: Type.Unknown(), ...ERROR_RESPONSES },
      },
      config: { role: 'viewer' },
    },
    async (request) => {
      const run = runs().get(request.params.id)
      if (!run) throw new CrownpathError('CP_ERR_REPORT_RUN_NOT_FOUND', { id: request.params.id })
      return asReply(run)
    },
  )
}
