/**
 * @module api/schemas/common
 * TypeBox schemas shared by the routes: problems, nodes, edges, hops, paths
 * and the common query parameters. Enums come from the kinds table.
 */
import { Type } from 'typebox'
import type { AccessLevel, Classification, EdgeKind, NodeKind, Provider } from '../../model/index.js'
import { ACCESS_LEVELS, CLASSIFICATIONS, EDGE_KIND_NAMES, NODE_KIND_NAMES, PROVIDERS } from '../../model/index.js'
import { DEFAULT_BOUNDS } from '../../paths/index.js'

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])

/** RFC 9457 problem document. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    instance: Type.Optional(Type.String()),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
)

/** Error responses every authenticated route may return. */
export const ERROR_RESPONSES = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  429: ProblemSchema,
  500: ProblemSchema,
  503: ProblemSchema,
} as const

/** A string enum read from a model table (one source of truth for the API and OpenAPI). */
function stringEnum<T extends string>(values: readonly T[], description: string) {
  return Type.Unsafe<T>({ type: 'string', enum: [...values], description })
}

export const NodeKindSchema = stringEnum<NodeKind>(NODE_KIND_NAMES, 'node kind')
export const EdgeKindSchema = stringEnum<EdgeKind>(EDGE_KIND_NAMES, 'edge kind')
export const ProviderSchema = stringEnum<Provider>(PROVIDERS, 'provider')
export const AccessLevelSchema = stringEnum<AccessLevel>(ACCESS_LEVELS, 'access level')
export const ClassificationSchema = stringEnum<Classification>(CLASSIFICATIONS, 'data classification')

/** A graph node. */
export const NodeSchema = Type.Object({
  id: Type.String(),
  kind: NodeKindSchema,
  provider: ProviderSchema,
  name: Type.String(),
  tags: Type.Record(Type.String(), Type.String()),
  classification: nullable(ClassificationSchema),
  account: nullable(Type.String()),
  isTierZero: Type.Boolean(),
  isExposed: Type.Boolean(),
  properties: Type.Record(Type.String(), Type.Unknown()),
})

/** One evidence item (open: producers may add fields). */
export const EvidenceSchema = Type.Object(
  {
    type: Type.String(),
    policy: Type.String(),
    policyName: Type.Optional(nullable(Type.String())),
    statement: Type.Optional(nullable(Type.Integer())),
    sid: Type.Optional(nullable(Type.String())),
    action: Type.Optional(nullable(Type.String())),
    resource: Type.Optional(nullable(Type.String())),
    note: Type.Optional(nullable(Type.String())),
  },
  { additionalProperties: true },
)

/** An unresolved condition. */
export const ConditionSchema = Type.Object(
  {
    operator: Type.String(),
    key: Type.String(),
    values: Type.Array(Type.String()),
    policy: Type.String(),
    statement: Type.Optional(nullable(Type.Integer())),
  },
  { additionalProperties: true },
)

/** A graph edge. */
export const EdgeSchema = Type.Object({
  id: Type.String(),
  from: Type.String(),
  to: Type.String(),
  kind: EdgeKindSchema,
  technique: nullable(Type.String()),
  evidence: Type.Array(EvidenceSchema),
  conditions: Type.Array(ConditionSchema),
  conditional: Type.Boolean(),
  cost: Type.Number(),
  accessLevels: Type.Array(AccessLevelSchema),
})

/** One hop of a path (DESIGN.md contract). */
export const HopSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  kind: EdgeKindSchema,
  technique: nullable(Type.String()),
  evidence: Type.Array(EvidenceSchema),
  conditions: Type.Array(ConditionSchema),
})

/** A path. */
export const PathSchema = Type.Object({ cost: Type.Number(), hops: Type.Array(HopSchema) })

/** An edge reference (choke points, cuts). */
export const EdgeRefSchema = Type.Object({
  id: Type.String(),
  from: Type.String(),
  to: Type.String(),
  kind: EdgeKindSchema,
  technique: nullable(Type.String()),
  cost: Type.Number(),
  evidence: Type.Array(EvidenceSchema),
  conditions: Type.Array(ConditionSchema),
})

/** `?snapshot=` on every query route. */
export const SnapshotParam = Type.Optional(Type.String({ description: 'snapshot id, unique id prefix, or `latest` (default)', minLength: 1 }))

/** Filters and bounds common to the path queries. */
export const QueryBoundsParams = {
  snapshot: SnapshotParam,
  maxDepth: Type.Optional(Type.Integer({ minimum: 1, maximum: DEFAULT_BOUNDS.maxMaxDepth, description: `hop bound (default ${DEFAULT_BOUNDS.maxDepth})` })),
  timeoutMs: Type.Optional(Type.Integer({ minimum: 1, maximum: DEFAULT_BOUNDS.maxTimeoutMs, description: `time bound (default ${DEFAULT_BOUNDS.timeoutMs})` })),
  excludeConditional: Type.Optional(Type.Boolean({ description: 'skip edges whose conditions could not be resolved offline' })),
  edgeKinds: Type.Optional(Type.String({ description: `comma-separated edge kinds to follow (${EDGE_KIND_NAMES.join(', ')})` })),
} as const

/** Selector description for the docs. */
export const SELECTOR_DESCRIPTION =
  'a node id (Entra ids in any case), a unique node name, an access key id, or a set: `exposed`, `tier0`, `crown-jewels`, `kind:<Kind>`, `tag:<key>=<value>`'

/** A `from` / `to` node selector of the query routes. */
export const SelectorParam = Type.String({ minLength: 1, description: SELECTOR_DESCRIPTION })

/** Parse the comma-separated edge kinds of a query string. */
export function parseEdgeKinds(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

/**
 * Hand a library result to fastify. Library results use readonly arrays,
 * TypeBox's static types mutable ones; the response schema (fast-json-stringify)
 * is what shapes the output, so the static check adds nothing here.
 */
export function asReply(value: unknown): never {
  return value as never
}
