/**
 * @module api/routes/role-holders
 * `GET /v1/role-holders?role=…[&scope=…][&status=…]`: every principal holding
 * a role (an Entra directory role or an Azure RBAC role), directly or through
 * groups, active or eligible, each holding with its assignment as evidence
 * (BloodHound's AZHasRole question).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { DEFAULT_BOUNDS } from '../../paths/index.js'
import { asReply, ERROR_RESPONSES, SELECTOR_DESCRIPTION, SnapshotParam } from '../schemas/common.js'
import { RoleHoldersResultSchema } from '../schemas/paths.js'
import type { ApiDeps } from '../types.js'
import { engineFor } from './queries.js'

/** The role-holders route. */
export const roleHoldersRoutes: FastifyPluginAsyncTypebox<{ deps: ApiDeps }> = async (app, { deps }) => {
  app.get(
    '/role-holders',
    {
      schema: {
        summary: 'Principals that hold a role, directly or through groups',
        tags: ['queries'],
        querystring: Type.Object({
          role: Type.String({ minLength: 1, maxLength: 400, description: 'role name (any letter case), role id (Entra template id, RBAC role definition GUID or id) or role node id' }),
          scope: Type.Optional(Type.String({ minLength: 1, description: `only holdings that apply at this node: ${SELECTOR_DESCRIPTION}` })),
          status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('eligible')])),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: DEFAULT_BOUNDS.maxLimit, description: `holders listed (default ${DEFAULT_BOUNDS.roleHoldersLimit})` })),
          snapshot: SnapshotParam,
        }),
        response: { 200: RoleHoldersResultSchema, ...ERROR_RESPONSES },
      },
      config: { role: 'analyst', audit: true },
    },
    async (request) => {
      const q = request.query
      const engine = await engineFor(deps, q)
      const result = await engine.roleHolders({
        role: q.role,
        ...(q.scope !== undefined ? { scope: q.scope } : {}),
        ...(q.status !== undefined ? { status: q.status } : {}),
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
      })
      request.resultCount = result.total
      return asReply(result)
    },
  )
}
