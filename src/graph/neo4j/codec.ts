/**
 * @module graph/neo4j/codec
 * GraphNode / GraphEdge ↔ Neo4j property maps. Scalars that queries filter on
 * (kind, provider, name, account, classification, tier zero, exposed, cost,
 * conditional, access levels) are real properties; nested data (tags,
 * kind-specific properties, evidence, conditions) is JSON text, so a read
 * gives back exactly what was written.
 */
import type { AccessLevel, Classification, ConditionRef, EdgeKind, Evidence, GraphEdge, GraphNode, NodeKind, NonEmpty, Provider, PropertyValue } from '../../model/index.js'
import { CrownpathError, isEdgeKind, isNodeKind } from '../../model/index.js'
import type { QueryValue } from '../../../queries/index.js'

/** A node row for write-nodes.cypher. */
export interface NodeRow {
  readonly id: string
  readonly kind: string
  readonly props: Record<string, QueryValue>
}

/** An edge row for write-edges.cypher. */
export interface EdgeRow {
  readonly from: string
  readonly to: string
  readonly kind: string
  readonly props: Record<string, QueryValue>
}

/** `<lower-case key>=<value>` per tag: the `tag:` selector compares keys case-insensitively. */
export function tagIndex(tags: Readonly<Record<string, string>>): string[] {
  return Object.entries(tags).map(([k, v]) => `${k.toLowerCase()}=${v}`)
}

/**
 * Encode a node. The kind becomes a second label, so it is checked against
 * the kinds table here: a label is never built from anything else.
 */
export function encodeNode(node: GraphNode, ord: number): NodeRow {
  if (!isNodeKind(node.kind)) throw new CrownpathError('CP_ERR_MODEL_INVALID_NODE', { id: node.id, reason: `unknown kind \`${String(node.kind)}\`` })
  const props: Record<string, QueryValue> = {
    ord,
    kind: node.kind,
    provider: node.provider,
    name: node.name,
    isTierZero: node.isTierZero,
    isExposed: node.isExposed,
    tags: JSON.stringify(node.tags),
    tagIndex: tagIndex(node.tags),
    properties: JSON.stringify(node.properties),
  }
  // Neo4j stores no nulls: an absent property reads back as null.
  if (node.account !== null) props.account = node.account
  if (node.classification !== null) props.classification = node.classification
  return { id: node.id, kind: node.kind, props }
}

/** Decode a node map (`n {.*}`). */
export function decodeNode(row: Record<string, unknown>): GraphNode {
  return {
    id: row.id as string,
    kind: row.kind as NodeKind,
    provider: row.provider as Provider,
    name: row.name as string,
    tags: JSON.parse(row.tags as string) as Record<string, string>,
    classification: (row.classification ?? null) as Classification | null,
    account: (row.account ?? null) as string | null,
    isTierZero: row.isTierZero === true,
    isExposed: row.isExposed === true,
    properties: JSON.parse(row.properties as string) as Record<string, PropertyValue>,
  }
}

/** Encode an edge; its kind becomes the relationship type, so it is checked against the kinds table. */
export function encodeEdge(edge: GraphEdge, ord: number): EdgeRow {
  if (!isEdgeKind(edge.kind)) throw new CrownpathError('CP_ERR_MODEL_INVALID_EDGE', { id: edge.id, reason: `unknown kind \`${String(edge.kind)}\`` })
  const props: Record<string, QueryValue> = {
    id: edge.id,
    ord,
    cost: edge.cost,
    conditional: edge.conditional,
    accessLevels: [...edge.accessLevels],
    evidence: JSON.stringify(edge.evidence),
    conditions: JSON.stringify(edge.conditions),
  }
  if (edge.technique !== null) props.technique = edge.technique
  return { from: edge.from, to: edge.to, kind: edge.kind, props }
}

/** Decode an edge from `from`, `to`, `type(r)` and `r {.*}`. */
export function decodeEdge(from: string, to: string, kind: string, r: Record<string, unknown>): GraphEdge {
  return {
    id: r.id as string,
    from,
    to,
    kind: kind as EdgeKind,
    technique: (r.technique ?? null) as string | null,
    evidence: JSON.parse(r.evidence as string) as NonEmpty<Evidence>,
    conditions: JSON.parse(r.conditions as string) as ConditionRef[],
    conditional: r.conditional === true,
    cost: r.cost as number,
    accessLevels: (r.accessLevels ?? []) as AccessLevel[],
  }
}
