/**
 * @module api/routes/snapshots
 * Snapshots: list, detail, diff two (element changes plus new and removed
 * privilege-escalation findings and admins), and upload an ingest (admin).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { diffSnapshots } from '../../graph/index.js'
import { CrownpathError } from '../../model/index.js'
import { asReply, ERROR_RESPONSES } from '../schemas/common.js'
import type { ApiDeps } from '../types.js'

const SnapshotMetaSchema = Type.Object({
  id: Type.String(),
  createdAt: Type.String(),
  label: Type.Union([Type.String(), Type.Null()]),
  nodeCount: Type.Integer(),
  edgeCount: Type.Integer(),
  issueCount: Type.Integer(),
  sources: Type.Array(Type.Object({}, { additionalProperties: true })),
  kinds: Type.Record(Type.String(), Type.Integer()),
})

/** Largest number of ids listed per diff section (counts are always complete). */
const DIFF_LIST_LIMIT = 1000

const IdList = Type.Array(Type.String())
const DiffSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  counts: Type.Object({
    addedNodes: Type.Integer(),
    removedNodes: Type.Integer(),
    addedEdges: Type.Integer(),
    removedEdges: Type.Integer(),
    newFindings: Type.Integer(),
    removedFindings: Type.Integer(),
  }),
  addedNodes: IdList,
  removedNodes: IdList,
  addedEdges: IdList,
  removedEdges: IdList,
  newTierZero: IdList,
  removedTierZero: IdList,
  newAdmins: IdList,
  removedAdmins: IdList,
  /** Principals that reach tier zero in `to` but did not in `from`. */
  newFindings: IdList,
  removedFindings: IdList,
  truncated: Type.Boolean(),
})

/** The snapshot routes. */
export const snapshotsRoutes: FastifyPluginAsyncTypebox<{ deps: ApiDeps }> = async (app, { deps }) => {
  app.get(
    '/snapshots',
    {
      schema: { summary: 'List snapshots, newest first', tags: ['snapshots'], response: { 200: Type.Object({ snapshots: Type.Array(SnapshotMetaSchema) }), ...ERROR_RESPONSES } },
      config: { role: 'viewer' },
    },
    async (request) => {
      const snapshots = await deps.store.listSnapshots()
      request.resultCount = snapshots.length
      return asReply({ snapshots })
    },
  )

  app.get(
    '/snapshots/:ref',
    {
      schema: {
        summary: 'One snapshot',
        tags: ['snapshots'],
        params: Type.Object({ ref: Type.String({ minLength: 1 }) }),
        response: { 200: SnapshotMetaSchema, ...ERROR_RESPONSES },
      },
      config: { role: 'viewer' },
    },
    async (request) => asReply(await deps.store.resolveSnapshot(request.params.ref)),
  )

  app.get(
    '/snapshots/:from/diff/:to',
    {
      schema: {
        summary: 'What changed between two snapshots',
        tags: ['snapshots'],
        params: Type.Object({ from: Type.String({ minLength: 1 }), to: Type.String({ minLength: 1 }) }),
        response: { 200: DiffSchema, ...ERROR_RESPONSES },
      },
      config: { role: 'analyst', audit: true },
    },
    async (request) => {
      const [a, b] = await Promise.all([deps.store.readSnapshot(request.params.from), deps.store.readSnapshot(request.params.to)])
      const diff = diffSnapshots(a, b)
      const [ea, eb] = await Promise.all([deps.openEngine(a.meta.id), deps.openEngine(b.meta.id)])
      const [pa, pb] = await Promise.all([ea.privesc(), eb.privesc()])
      const before = new Set(pa.findings.map((f) => f.principal))
      const after = new Set(pb.findings.map((f) => f.principal))
      const adminsBefore = new Set(pa.admins)
      const adminsAfter = new Set(pb.admins)
      const newFindings = [...after].filter((p) => !before.has(p)).sort()
      const removedFindings = [...before].filter((p) => !after.has(p)).sort()
      const cap = (ids: string[]): string[] => ids.slice(0, DIFF_LIST_LIMIT)
      const lists = [diff.addedNodes, diff.removedNodes, diff.addedEdges, diff.removedEdges, newFindings, removedFindings]
      request.resultCount = diff.addedEdges.length + diff.removedEdges.length
      return asReply({
        from: diff.from,
        to: diff.to,
        counts: {
          addedNodes: diff.addedNodes.length,
          removedNodes: diff.removedNodes.length,
          addedEdges: diff.addedEdges.length,
          removedEdges: diff.removedEdges.length,
          newFindings: newFindings.length,
          removedFindings: removedFindings.length,
        },
        addedNodes: cap(diff.addedNodes.map((n) => n.id)),
        removedNodes: cap(diff.removedNodes.map((n) => n.id)),
        addedEdges: cap(diff.addedEdges.map((e) => e.id)),
        removedEdges: cap(diff.removedEdges.map((e) => e.id)),
        newTierZero: cap(diff.newTierZero.map((n) => n.id)),
        removedTierZero: cap(diff.removedTierZero.map((n) => n.id)),
        newAdmins: pb.admins.filter((id) => !adminsBefore.has(id)),
        removedAdmins: pa.admins.filter((id) => !adminsAfter.has(id)),
        newFindings: cap(newFindings),
        removedFindings: cap(removedFindings),
        truncated: pa.truncated || pb.truncated || lists.some((l) => l.length > DIFF_LIST_LIMIT),
      })
    },
  )

  app.post(
    '/snapshots',
    {
      schema: {
        summary: 'Ingest uploaded input files into a new snapshot',
        description: 'Each input names a loader (as in `crownpath ingest`) and its files as parsed JSON, keyed by the loader file option (e.g. `authDetails`).',
        tags: ['snapshots'],
        body: Type.Object({
          label: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
          inputs: Type.Array(
            Type.Object({
              loader: Type.String({ minLength: 1 }),
              files: Type.Record(Type.String(), Type.Unknown()),
              options: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
            }),
            { minItems: 1, maxItems: 50 },
          ),
        }),
        response: { 201: SnapshotMetaSchema, 501: ERROR_RESPONSES[400], 413: ERROR_RESPONSES[400], ...ERROR_RESPONSES },
      },
      config: { role: 'admin', audit: true },
    },
    async (request, reply) => {
      if (!deps.ingest) throw new CrownpathError('CP_ERR_FEATURE_UNAVAILABLE', { feature: 'snapshot upload', reason: 'the server was started without an ingest pipeline' })
      const meta = await deps.ingest(request.body)
      request.resultCount = meta.nodeCount
      return reply.code(201).send(asReply(meta))
    },
  )
}
