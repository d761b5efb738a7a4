/**
 * @module api/routes/nodes
 * `GET /v1/nodes` (search and list) and `GET /v1/nodes/:id` (detail with
 * in and out edges).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { CrownpathError } from '../../model/index.js'
import type { AdjacencyIndex } from '../engines.js'
import { asReply, EdgeSchema, ERROR_RESPONSES, NodeKindSchema, NodeSchema, ProviderSchema, SnapshotParam } from '../schemas/common.js'
import type { ApiDeps } from '../types.js'

/** Options of the nodes plugin. */
export interface NodesRouteOptions {
  readonly deps: ApiDeps
  readonly adjacency: (ref: string) => Promise<AdjacencyIndex>
}

/** The nodes routes. */
export const nodesRoutes: FastifyPluginAsyncTypebox<NodesRouteOptions> = async (app, { deps, adjacency }) => {
  app.get(
    '/nodes',
    {
      schema: {
        summary: 'Search and list nodes',
        tags: ['nodes'],
        querystring: Type.Object({
          snapshot: SnapshotParam,
          kind: Type.Optional(NodeKindSchema),
          provider: Type.Optional(ProviderSchema),
          search: Type.Optional(Type.String({ maxLength: 200, description: 'case-insensitive substring of id or name' })),
          tierZero: Type.Optional(Type.Boolean()),
          limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: Type.Object({ snapshot: Type.String(), total: Type.Integer(), nodes: Type.Array(NodeSchema) }), ...ERROR_RESPONSES },
      },
      config: { role: 'viewer' },
    },
    async (request) => {
      const q = request.query
      const meta = await deps.store.resolveSnapshot(q.snapshot ?? 'latest')
      const page = await deps.store.listNodes(meta.id, {
        ...(q.kind ? { kind: q.kind } : {}),
        ...(q.provider ? { provider: q.provider } : {}),
        ...(q.search ? { search: q.search } : {}),
        ...(q.tierZero !== undefined ? { isTierZero: q.tierZero } : {}),
        limit: q.limit,
        offset: q.offset,
      })
      request.resultCount = page.nodes.length
      return asReply({ snapshot: meta.id, total: page.total, nodes: page.nodes })
    },
  )

  app.get(
    '/nodes/:id',
    {
      schema: {
        summary: 'One node with its in and out edges',
        tags: ['nodes'],
        params: Type.Object({ id: Type.String({ minLength: 1 }) }),
        querystring: Type.Object({ snapshot: SnapshotParam }),
        response: {
          200: Type.Object({ snapshot: Type.String(), node: NodeSchema, in: Type.Array(EdgeSchema), out: Type.Array(EdgeSchema) }),
          ...ERROR_RESPONSES,
        },
      },
      config: { role: 'viewer' },
    },
    async (request) => {
      const meta = await deps.store.resolveSnapshot(request.query.snapshot ?? 'latest')
      const node = await deps.store.getNode(meta.id, request.params.id)
      if (!node) throw new CrownpathError('CP_ERR_NODE_NOT_FOUND', { id: request.params.id })
      const index = await adjacency(meta.id)
      const inEdges = [...(index.inEdges.get(node.id) ?? [])]
      const outEdges = [...(index.outEdges.get(node.id) ?? [])]
      request.resultCount = inEdges.length + outEdges.length
      return asReply({ snapshot: meta.id, node, in: inEdges, out: outEdges })
    },
  )
}
