/**
 * @module api/schemas/paths
 * Response schemas of the path queries, mirroring src/paths/types.ts.
 */
import { Type } from 'typebox'
import { AccessLevelSchema, ClassificationSchema, ConditionSchema, EdgeRefSchema, EvidenceSchema, HopSchema, NodeKindSchema, PathSchema, ProviderSchema } from './common.js'

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])

export const PathsResultSchema = Type.Object({ paths: Type.Array(PathSchema), truncated: Type.Boolean() })

const ReachedNodeSchema = Type.Object({
  id: Type.String(),
  kind: NodeKindSchema,
  name: Type.String(),
  account: nullable(Type.String()),
  classification: nullable(ClassificationSchema),
  accessLevels: nullable(Type.Array(AccessLevelSchema)),
  cost: Type.Number(),
  path: PathSchema,
})

const ClassificationCountsSchema = Type.Object({
  public: Type.Integer(),
  internal: Type.Integer(),
  confidential: Type.Integer(),
  restricted: Type.Integer(),
})

export const BlastRadiusResultSchema = Type.Object({
  from: Type.Array(Type.String()),
  principals: Type.Array(ReachedNodeSchema),
  resources: Type.Array(ReachedNodeSchema),
  scopes: Type.Array(ReachedNodeSchema),
  tierZero: Type.Array(Type.String()),
  totals: Type.Object({ principals: Type.Integer(), resources: Type.Integer(), scopes: Type.Integer(), tierZero: Type.Integer() }),
  byClassification: ClassificationCountsSchema,
  byAccount: Type.Record(Type.String(), Type.Object({ principals: Type.Integer(), resources: ClassificationCountsSchema })),
  score: Type.Number(),
  scoreExplanation: Type.String(),
  truncated: Type.Boolean(),
})

export const WhoCanResultSchema = Type.Object({
  to: Type.Array(Type.String()),
  entries: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: NodeKindSchema,
      name: Type.String(),
      accessLevels: Type.Array(AccessLevelSchema),
      cost: Type.Number(),
      path: PathSchema,
    }),
  ),
  total: Type.Integer(),
  truncated: Type.Boolean(),
})

export const ChokePointsResultSchema = Type.Object({
  pathsConsidered: Type.Integer(),
  chokePoints: Type.Array(Type.Object({ edge: EdgeRefSchema, pathCount: Type.Integer(), share: Type.Number(), isStructural: Type.Boolean() })),
  truncated: Type.Boolean(),
})

const PolicyChangeSchema = Type.Object({
  type: Type.String(),
  policy: Type.String(),
  policyName: nullable(Type.String()),
  statement: nullable(Type.Integer()),
  sid: nullable(Type.String()),
  action: nullable(Type.String()),
  resource: nullable(Type.String()),
})

export const MinCutResultSchema = Type.Object({
  from: Type.Array(Type.String()),
  to: Type.Array(Type.String()),
  isConnected: Type.Boolean(),
  isCuttable: Type.Boolean(),
  value: Type.Number(),
  edges: Type.Array(Type.Object({ edge: EdgeRefSchema, capacity: Type.Number(), change: Type.Array(PolicyChangeSchema) })),
  truncated: Type.Boolean(),
})

export const PrivescResultSchema = Type.Object({
  admins: Type.Array(Type.String()),
  findings: Type.Array(Type.Object({ principal: Type.String(), target: Type.String(), cost: Type.Number(), hops: Type.Array(HopSchema) })),
  truncated: Type.Boolean(),
})

const RoleHoldingStatusSchema = Type.Union([Type.Literal('active'), Type.Literal('eligible')], { description: 'in force, or eligible (PIM: must be activated first)' })

export const RoleHoldersResultSchema = Type.Object({
  role: Type.String(),
  roles: Type.Array(
    Type.Object({ id: Type.String(), kind: NodeKindSchema, name: Type.String(), provider: ProviderSchema, account: nullable(Type.String()), roleId: nullable(Type.String()) }),
  ),
  scope: nullable(Type.Array(Type.String())),
  holders: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: NodeKindSchema,
      name: Type.String(),
      status: RoleHoldingStatusSchema,
      holdings: Type.Array(
        Type.Object({
          role: Type.String(),
          roleName: Type.String(),
          status: RoleHoldingStatusSchema,
          scope: nullable(Type.String()),
          assignee: Type.String(),
          via: Type.Array(Type.String()),
          evidence: EvidenceSchema,
          membership: Type.Array(HopSchema),
          conditions: Type.Array(ConditionSchema),
          isConditional: Type.Boolean(),
        }),
      ),
    }),
  ),
  total: Type.Integer(),
  truncated: Type.Boolean(),
})
