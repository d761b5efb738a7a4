/**
 * @module paths/types
 * Result and option shapes shared by every PathEngine implementation (memory
 * and Cypher), the API schemas and the CLI. Plain data, JSON-serialisable.
 */
import type { AccessLevel, Classification, ConditionRef, EdgeKind, Evidence, GraphNode, NodeKind, NonEmpty, Provider, RoleHoldingStatus } from '../model/index.js'

/**
 * Which nodes a query starts from or ends at. One of:
 * - a node id (Entra / ARM ids in any letter case, see `canonicalNodeRef`),
 * - a node name (must be unique),
 * - an access key id (it is the key's node id),
 * - a set: `exposed` (credentials with `isExposed`), `tier0` (`isTierZero`),
 *   `crown-jewels` (resources classified `restricted` or `confidential`),
 *   `kind:<NodeKind>`, `tag:<key>=<value>`.
 */
export type NodeSelector = string

/** The named node sets a selector may use (besides `kind:` and `tag:`). */
export const NODE_SETS = ['exposed', 'tier0', 'crown-jewels'] as const

/** Filters on the edges a query may follow. */
export interface EdgeFilter {
  /** Only follow these edge kinds (default: every traversable kind). */
  readonly edgeKinds?: readonly EdgeKind[]
  /** Do not follow edges whose conditions could not be resolved offline. */
  readonly excludeConditional?: boolean
}

/** Work bounds every query takes; defaults are in {@link DEFAULT_BOUNDS}. */
export interface QueryBounds {
  /** Maximum number of hops in a path. */
  readonly maxDepth?: number
  /** Wall-clock budget; when exceeded the query returns what it has with `truncated: true`. */
  readonly timeoutMs?: number
}

/** Default and maximum bounds (the API and CLI reject values outside [1, max]). */
export const DEFAULT_BOUNDS = {
  maxDepth: 12,
  maxMaxDepth: 32,
  k: 1,
  maxK: 100,
  timeoutMs: 10_000,
  maxTimeoutMs: 60_000,
  blastRadiusLimit: 1000,
  whoCanLimit: 1000,
  maxLimit: 100_000,
  chokePointPaths: 50,
  privescLimit: 100_000,
  roleHoldersLimit: 1000,
} as const

/** One step of a path: exactly the fields of the DESIGN.md `path` contract. */
export interface PathHop {
  readonly from: string
  readonly to: string
  readonly kind: EdgeKind
  readonly technique: string | null
  readonly evidence: NonEmpty<Evidence>
  readonly conditions: readonly ConditionRef[]
}

/** A path with its total cost (sum of edge costs). */
export interface GraphPath {
  readonly cost: number
  readonly hops: readonly PathHop[]
}

/** Input of {@link PathEngine.shortestPaths}. */
export interface ShortestPathsQuery extends EdgeFilter, QueryBounds {
  readonly from: NodeSelector
  readonly to: NodeSelector
  /** Number of cheapest loop-free paths wanted (default 1). */
  readonly k?: number
}

/** Answer of {@link PathEngine.shortestPaths}: cheapest first. */
export interface PathsResult {
  readonly paths: readonly GraphPath[]
  /**
   * True when the time bound stopped the search, or when the depth bound
   * changed the answer (without it, a cheaper path or more paths up to k exist).
   * Asking for k paths when more exist is not truncation: the k cheapest is the answer.
   */
  readonly truncated: boolean
}

/** Input of {@link PathEngine.blastRadius}. */
export interface BlastRadiusQuery extends EdgeFilter, QueryBounds {
  readonly from: NodeSelector
  /** Maximum number of reached nodes listed (default 1000); counts and score still cover every reached node. */
  readonly limit?: number
}

/** One node reached by a blast-radius query. */
export interface ReachedNode {
  readonly id: string
  readonly kind: NodeKind
  readonly name: string
  readonly account: string | null
  readonly classification: Classification | null
  /** Access levels reached on a resource or scope (all of them when reached through AdminTo, Contains of an administered scope, control or identity); null for principals and credentials. */
  readonly accessLevels: readonly AccessLevel[] | null
  /** Cost of the cheapest path. */
  readonly cost: number
  /** The cheapest path from the query's source set. */
  readonly path: GraphPath
}

/** Counts of resources per classification tier. */
export type ClassificationCounts = Readonly<Record<Classification, number>>

/** Answer of {@link PathEngine.blastRadius}. */
export interface BlastRadiusResult {
  readonly from: readonly string[]
  /** Principals reached (the source set excluded), cheapest first, at most `limit`. */
  readonly principals: readonly ReachedNode[]
  /** Resources reached, most sensitive first then cheapest, at most `limit`. */
  readonly resources: readonly ReachedNode[]
  /** Scopes reached (accounts, service scopes, tenants, subscriptions, resource groups), cheapest first, at most `limit`. */
  readonly scopes: readonly ReachedNode[]
  /** Tier-zero nodes reached (ids). */
  readonly tierZero: readonly string[]
  readonly totals: { readonly principals: number; readonly resources: number; readonly scopes: number; readonly tierZero: number }
  /** Resources per classification. */
  readonly byClassification: ClassificationCounts
  /** Reached principals and resources per account / subscription (`null` key spelled `-`). */
  readonly byAccount: Readonly<Record<string, { readonly principals: number; readonly resources: ClassificationCounts }>>
  /** Sum over reached resources of the weight of their classification. */
  readonly score: number
  /** How the score was computed, for people. */
  readonly scoreExplanation: string
  readonly truncated: boolean
}

/** Input of {@link PathEngine.whoCan}. */
export interface WhoCanQuery extends EdgeFilter, QueryBounds {
  readonly to: NodeSelector
  /** Only entries that reach the target with this access level. */
  readonly accessLevel?: AccessLevel
  /** Maximum number of entries (default 1000). */
  readonly limit?: number
}

/** One principal or credential that can reach the target. */
export interface WhoCanEntry {
  readonly id: string
  readonly kind: NodeKind
  readonly name: string
  /** Access levels reached on the target (every level when the target is not a resource or scope). */
  readonly accessLevels: readonly AccessLevel[]
  readonly cost: number
  /** Cheapest path from this entry to the target (or the target set). */
  readonly path: GraphPath
}

/** Answer of {@link PathEngine.whoCan}: cheapest first. */
export interface WhoCanResult {
  readonly to: readonly string[]
  readonly entries: readonly WhoCanEntry[]
  readonly total: number
  readonly truncated: boolean
}

/** Input of {@link PathEngine.chokePoints}. */
export interface ChokePointsQuery extends EdgeFilter, QueryBounds {
  readonly from: NodeSelector
  readonly to: NodeSelector
  /** How many cheapest paths are sampled (default 50). */
  readonly paths?: number
  /** Maximum number of edges listed (default 20). */
  readonly limit?: number
}

/** An edge named by its endpoints and evidence. */
export interface EdgeRef {
  readonly id: string
  readonly from: string
  readonly to: string
  readonly kind: EdgeKind
  readonly technique: string | null
  readonly cost: number
  readonly evidence: NonEmpty<Evidence>
  readonly conditions: readonly ConditionRef[]
}

/** A choke point: an edge and how many sampled paths cross it. */
export interface ChokePoint {
  readonly edge: EdgeRef
  readonly pathCount: number
  /** pathCount / pathsConsidered. */
  readonly share: number
  /** True for structural kinds, which are fixed through their evidence, not cut directly. */
  readonly isStructural: boolean
}

/** Answer of {@link PathEngine.chokePoints}. */
export interface ChokePointsResult {
  readonly pathsConsidered: number
  readonly chokePoints: readonly ChokePoint[]
  readonly truncated: boolean
}

/** Input of {@link PathEngine.minCut}. */
export interface MinCutQuery extends EdgeFilter, QueryBounds {
  readonly from: NodeSelector
  readonly to: NodeSelector
}

/** One piece of a remediation: the document (and statement) to change. */
export interface PolicyChange {
  readonly type: Evidence['type']
  readonly policy: string
  readonly policyName: string | null
  readonly statement: number | null
  readonly sid: string | null
  readonly action: string | null
  readonly resource: string | null
}

/** One edge of the minimum cut with what to change to remove it. */
export interface CutEdge {
  readonly edge: EdgeRef
  /** Its capacity (the edge cost, at least 1). */
  readonly capacity: number
  /** Every evidence item must be changed (or the permission removed) for the edge to disappear. */
  readonly change: readonly PolicyChange[]
}

/** Answer of {@link PathEngine.minCut}. */
export interface MinCutResult {
  readonly from: readonly string[]
  readonly to: readonly string[]
  /** False when no source reaches a target (nothing to cut). */
  readonly isConnected: boolean
  /** False when only structural edges separate the sets (the cut would be infinite). */
  readonly isCuttable: boolean
  /** Sum of the capacities of the cut edges. */
  readonly value: number
  readonly edges: readonly CutEdge[]
  readonly truncated: boolean
}

/** Input of {@link PathEngine.privesc}. */
export interface PrivescQuery extends EdgeFilter, QueryBounds {
  /** Maximum number of findings (default 100000). */
  readonly limit?: number
}

/** One privilege-escalation finding (DESIGN.md `privesc` contract). */
export interface PrivescFinding {
  readonly principal: string
  /** The tier-zero node the cheapest chain ends at. */
  readonly target: string
  readonly cost: number
  readonly hops: readonly PathHop[]
}

/** Answer of {@link PathEngine.privesc}. */
export interface PrivescResult {
  /** Principals that are tier zero themselves, sorted. */
  readonly admins: readonly string[]
  /** Non-tier-zero principals that reach tier zero, cheapest first then by id. */
  readonly findings: readonly PrivescFinding[]
  readonly truncated: boolean
}

/** Input of {@link PathEngine.roleHolders}. */
export interface RoleHoldersQuery {
  /**
   * The role: a role node id, a role id (`properties.roleId`, e.g. an Entra
   * template id or an RBAC role definition GUID; a definition path's last
   * segment counts too) or a role name, case-insensitively. Every matching
   * role node is answered for (a name can match an Entra and an RBAC role).
   */
  readonly role: string
  /**
   * Only holdings that apply at this node (a selector): the assignment scope
   * is the node itself or contains it (Contains edges upwards), or is a root
   * scope (no container) of the node's account, e.g. the tenant for an Entra object.
   */
  readonly scope?: NodeSelector
  /** Only active or only eligible holdings. */
  readonly status?: RoleHoldingStatus
  /** Maximum number of holders listed (default 1000). */
  readonly limit?: number
}

/** A role node a query matched. */
export interface RoleRef {
  readonly id: string
  readonly kind: NodeKind
  readonly name: string
  readonly provider: Provider
  readonly account: string | null
  /** `properties.roleId` (template id, definition GUID), when the node carries one. */
  readonly roleId: string | null
}

/** One way a principal holds a role: one assignment, directly or through groups. */
export interface RoleHolding {
  /** The role node id. */
  readonly role: string
  readonly roleName: string
  readonly status: RoleHoldingStatus
  /** Node id of the assignment scope (the evidence's `resource`), or null. */
  readonly scope: string | null
  /** The principal the assignment names (the holder itself, or a group it belongs to). */
  readonly assignee: string
  /** Groups from the holder up to the assignee, nearest first; empty when assigned directly. */
  readonly via: readonly string[]
  /** The assignment. */
  readonly evidence: Evidence
  /** The MemberOf hops from the holder to the assignee, with their evidence. */
  readonly membership: readonly PathHop[]
  /** Conditions of the assignment (PIM activation, ABAC) and of the membership edges. */
  readonly conditions: readonly ConditionRef[]
  readonly isConditional: boolean
}

/** A principal holding a matched role, with every way it holds it. */
export interface RoleHolder {
  readonly id: string
  readonly kind: NodeKind
  readonly name: string
  /** `active` when one holding is active, else `eligible`. */
  readonly status: RoleHoldingStatus
  readonly holdings: readonly RoleHolding[]
}

/** Answer of {@link PathEngine.roleHolders}: holders sorted by id. */
export interface RoleHoldersResult {
  readonly role: string
  /** The role nodes matched (sorted by id); empty when no principal holds a role by that name or id. */
  readonly roles: readonly RoleRef[]
  /** The resolved scope node ids, or null without a scope filter. */
  readonly scope: readonly string[] | null
  readonly holders: readonly RoleHolder[]
  /** Holders before the limit. */
  readonly total: number
  readonly truncated: boolean
}

/** A resolved selector: the node ids it names (sorted) and how it was read. */
export interface ResolvedSelector {
  readonly selector: NodeSelector
  readonly ids: readonly string[]
  readonly match: 'id' | 'name' | 'set'
}

/** A single node summary returned with results (re-exported for API schemas). */
export type NodeSummary = Pick<GraphNode, 'id' | 'kind' | 'name' | 'provider' | 'account'>
