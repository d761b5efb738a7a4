/**
 * @module test/conformance/case-graph
 * Builds SnapshotContent from the compact hand-written graphs in
 * test/cases/paths/*.json: required kind properties and evidence get
 * placeholders, so a case states only what its question depends on.
 */
import type { SnapshotContent } from '../../src/graph/index.js'
import type { AccessLevel, Classification, ConditionRef, EdgeKind, Evidence, GraphEdge, GraphNode, NodeKind, NonEmpty } from '../../src/model/index.js'
import { NODE_KINDS, makeEdge, makeNode } from '../../src/model/index.js'

/** A node as written in a case file. */
export interface CaseNode {
  readonly id: string
  readonly kind: NodeKind
  readonly name?: string
  readonly tags?: Record<string, string>
  readonly classification?: Classification
  readonly account?: string
  readonly isTierZero?: boolean
  readonly isExposed?: boolean
  /** Kind-specific properties (placeholders fill the required ones not given). */
  readonly properties?: Record<string, string | boolean>
}

/** An edge as written in a case file. */
export interface CaseEdge {
  readonly from: string
  readonly to: string
  readonly kind: EdgeKind
  readonly technique?: string
  readonly cost?: number
  /** Condition keys: each becomes a StringEquals condition (making the edge conditional). */
  readonly conditions?: readonly string[]
  readonly accessLevels?: readonly AccessLevel[]
  readonly evidence?: readonly Evidence[]
}

/** A case graph. */
export interface CaseGraph {
  readonly nodes: readonly CaseNode[]
  readonly edges: readonly CaseEdge[]
}

const PLACEHOLDERS: Record<string, string> = {
  accountId: '111111111111',
  tenantId: '6c12b0b0-1111-4a6b-8f00-000000000001',
  subscriptionId: '00000000-0000-0000-0000-000000000001',
  service: 's3',
  resourceType: 'test:resource',
  status: 'Active',
  credentialType: 'secret',
  appId: '00000000-0000-0000-0000-0000000000aa',
  issuer: 'token.actions.githubusercontent.com',
  subject: 'repo:example/app:ref:refs/heads/main',
}

/** Build one node. */
export function buildNode(n: CaseNode): GraphNode {
  const properties: Record<string, string | boolean> = {}
  for (const key of NODE_KINDS[n.kind].requiredProperties) properties[key] = PLACEHOLDERS[key] ?? 'x'
  Object.assign(properties, n.properties ?? {})
  return makeNode({
    id: n.id,
    kind: n.kind,
    name: n.name ?? n.id,
    tags: n.tags ?? {},
    ...(n.classification ? { classification: n.classification } : {}),
    account: n.account ?? null,
    ...(n.isTierZero !== undefined ? { isTierZero: n.isTierZero } : {}),
    isExposed: n.isExposed ?? false,
    properties,
  })
}

/** Build one edge with placeholder evidence naming the edge. */
export function buildEdge(e: CaseEdge): GraphEdge {
  const evidence: NonEmpty<Evidence> =
    e.evidence && e.evidence.length > 0
      ? (e.evidence as NonEmpty<Evidence>)
      : [{ type: 'identity-policy', policy: `policy:${e.from}->${e.to}`, statement: 0, note: 'case placeholder' }]
  const conditions: ConditionRef[] = (e.conditions ?? []).map((key) => ({
    operator: 'StringEquals',
    key,
    values: ['x'],
    policy: evidence[0].policy,
    statement: 0,
  }))
  return makeEdge({
    from: e.from,
    to: e.to,
    kind: e.kind,
    technique: e.technique ?? null,
    evidence,
    conditions,
    ...(e.cost !== undefined ? { cost: e.cost } : {}),
    ...(e.accessLevels ? { accessLevels: e.accessLevels } : {}),
  })
}

/** Build the snapshot content of a case graph. */
export function buildSnapshot(graph: CaseGraph, id = 'snap-20261127T000000000Z-0000'): SnapshotContent {
  const nodes = graph.nodes.map(buildNode)
  const edges = graph.edges.map(buildEdge)
  return {
    meta: {
      id,
      createdAt: '2026-11-27T00:00:00.000Z',
      label: 'conformance',
      nodeCount: nodes.length,
      edgeCount: edges.length,
      issueCount: 0,
      sources: [],
      kinds: {},
    },
    nodes,
    edges,
    issues: [],
  }
}
