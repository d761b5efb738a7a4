/**
 * @module model/graph
 * The plain-data shape of graph nodes and edges shared by every store, the
 * path engine and the API, and the two constructors that enforce it.
 */
import type { AccessLevel, Classification, EdgeKind, NodeKind, Provider } from './kinds.js'
import { EDGE_KINDS, NODE_KINDS, RESOURCE_KINDS } from './kinds.js'
import type { ConditionRef, Evidence, NonEmpty } from './evidence.js'
import { CrownpathError } from './errors.js'

/** A property value a store can persist in both SQLite JSON and Neo4j. */
export type PropertyValue = string | number | boolean | null | readonly string[]

/** A graph node. `properties` holds kind-specific metadata (never secrets). */
export interface GraphNode {
  readonly id: string
  readonly kind: NodeKind
  readonly provider: Provider
  readonly name: string
  readonly tags: Readonly<Record<string, string>>
  /** Set for resources (unknown = `internal`), null for everything else. */
  readonly classification: Classification | null
  /** AWS account id, or Azure subscription id (tenant id for Entra objects); null when not scoped. */
  readonly account: string | null
  /** True for tier-zero nodes: scope kinds and principals found admin-equivalent. */
  readonly isTierZero: boolean
  /** True for credentials found in a leak report. */
  readonly isExposed: boolean
  readonly properties: Readonly<Record<string, PropertyValue>>
}

/** A directed graph edge: whoever controls `from` can control / act as / read `to`. */
export interface GraphEdge {
  /** Stable id: `<from>|<kind>|<technique or ->|<to>`; one edge per (from, kind, technique, to). */
  readonly id: string
  readonly from: string
  readonly to: string
  readonly kind: EdgeKind
  /** Technique id (`aws/iam-put-role-policy`) for derived edges, null for structural ones. */
  readonly technique: string | null
  readonly evidence: NonEmpty<Evidence>
  readonly conditions: readonly ConditionRef[]
  readonly conditional: boolean
  /** Positive integer used to rank paths; conditional and noisy steps cost more. */
  readonly cost: number
  /** Access levels reached on the target (CanAccess edges); empty otherwise. */
  readonly accessLevels: readonly AccessLevel[]
}

/** Extra cost added to an edge whose conditions could not be resolved offline. */
export const CONDITIONAL_COST_PENALTY = 3

/** Input to {@link makeNode}; defaults fill the optional fields. */
export interface NodeInput {
  id: string
  kind: NodeKind
  name: string
  tags?: Readonly<Record<string, string>>
  classification?: Classification | null
  account?: string | null
  isTierZero?: boolean
  isExposed?: boolean
  properties?: Record<string, PropertyValue>
}

/** Build a node, checking the kind's required properties. */
export function makeNode(input: NodeInput): GraphNode {
  const spec = NODE_KINDS[input.kind]
  const properties = input.properties ?? {}
  for (const key of spec.requiredProperties) {
    if (properties[key] === undefined || properties[key] === null) {
      throw new CrownpathError('CP_ERR_MODEL_INVALID_NODE', { id: input.id, reason: `missing property \`${key}\` required for ${input.kind}` })
    }
  }
  const isResource = RESOURCE_KINDS.includes(input.kind)
  return {
    id: input.id,
    kind: input.kind,
    provider: spec.provider,
    name: input.name,
    tags: input.tags ?? {},
    classification: isResource ? (input.classification ?? 'internal') : null,
    account: input.account ?? null,
    isTierZero: input.isTierZero ?? spec.isTierZeroScope,
    isExposed: input.isExposed ?? false,
    properties,
  }
}

/** Input to {@link makeEdge}. Evidence must be non-empty: that is the point. */
export interface EdgeInput {
  from: string
  to: string
  kind: EdgeKind
  technique?: string | null
  evidence: NonEmpty<Evidence>
  conditions?: readonly ConditionRef[]
  /**
   * Whether the edge holds only under its conditions (default: it has some).
   * An edge merged from several grants holds unconditionally when one of them
   * does, and still lists the others' conditions.
   */
  conditional?: boolean
  cost?: number
  accessLevels?: readonly AccessLevel[]
}

/**
 * The stable id of an edge. Built with `join`, which makes one flat string: a
 * template literal makes a tree of string pieces that is copied flat the first
 * time the id is hashed or compared, and on an M organisation (3·10⁵ edges)
 * those trees and copies cost more than building the ids.
 */
export function edgeId(from: string, kind: EdgeKind, technique: string | null, to: string): string {
  return [from, kind, technique ?? '-', to].join('|')
}

/** Shared empty lists: most of a large graph's edges have neither, and one array each adds up. */
const NO_CONDITIONS: readonly ConditionRef[] = Object.freeze([])
const NO_ACCESS_LEVELS: readonly AccessLevel[] = Object.freeze([])

/**
 * The id of a built edge is read, not stored: one accessor, shared by every
 * edge {@link makeEdge} returns, computes it from the edge's own fields. It is
 * enumerable, so spreads, JSON and equality checks see an ordinary `id`. On an
 * M organisation the stored id strings were 40 MiB of the 142 MiB graph kept
 * alive through derivation, and every scavenge copied them. During an ingest
 * the snapshot writer and the Neo4j writer read each once (and the deriver
 * when it drops an edge, for the warning).
 */
const COMPUTED_ID: PropertyDescriptor = {
  enumerable: true,
  get(this: GraphEdge): string {
    return edgeId(this.from, this.kind, this.technique, this.to)
  },
}

/** True when the edge's id is the computed one by construction (an edge from {@link makeEdge}), so nobody need compare it. */
export function hasComputedId(edge: GraphEdge): boolean {
  return Object.getOwnPropertyDescriptor(edge, 'id')?.get === COMPUTED_ID.get
}

/**
 * Build an edge. The cost defaults to the kind's default; unresolved conditions
 * make the edge conditional (unless `conditional` says otherwise) and a
 * conditional edge costs {@link CONDITIONAL_COST_PENALTY} more. Its `id` is
 * computed when read (see {@link COMPUTED_ID}).
 */
export function makeEdge(input: EdgeInput): GraphEdge {
  if (input.evidence.length === 0) {
    // The type already forbids this; the check keeps untyped callers (JSON, JS) honest.
    throw new CrownpathError('CP_ERR_MODEL_INVALID_EDGE', { id: `${input.from}→${input.to}`, reason: 'an edge needs at least one evidence item' })
  }
  // Empty lists become the shared ones: most derived edges have neither, and 10⁵ empty arrays add up.
  const conditions = input.conditions === undefined || input.conditions.length === 0 ? NO_CONDITIONS : input.conditions
  const conditional = input.conditional ?? conditions.length > 0
  const base = input.cost ?? EDGE_KINDS[input.kind].defaultCost
  const technique = input.technique ?? null
  const edge = {
    from: input.from,
    to: input.to,
    kind: input.kind,
    technique,
    evidence: input.evidence,
    conditions,
    conditional,
    cost: conditional ? base + CONDITIONAL_COST_PENALTY : base,
    accessLevels: input.accessLevels === undefined || input.accessLevels.length === 0 ? NO_ACCESS_LEVELS : input.accessLevels,
  }
  return Object.defineProperty(edge, 'id', COMPUTED_ID) as typeof edge & { readonly id: string }
}
