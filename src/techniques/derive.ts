/**
 * @module techniques/derive
 * Inventory → graph: runs each provider's deriver (structural nodes and
 * edges, then its techniques over an index), merges what they produce,
 * marks exposed credentials and drops nothing silently.
 */
import type { Classifier, DataIssue, Evidence, GraphEdge, GraphNode, Inventory, NonEmpty } from '../model/index.js'
import type { ActionCatalog as AwsActionCatalog } from '../aws/policy/index.js'
import { DEFAULT_CLASSIFICATION_CONFIG, compileClassifier } from '../model/index.js'
import { PROVIDER_DERIVERS } from './registry.js'

/** Options shared by every deriver. */
export interface DeriveOptions {
  readonly classifier: Classifier
  /** "Now" for age-based facts; injected so derivation stays pure. */
  readonly now: Date
  /**
   * The AWS action catalogue (`readActionCatalog()` from src/ingest, awaited once by the caller):
   * access levels for CanAccess edges. Without it the AWS deriver derives no CanAccess edges.
   */
  readonly awsCatalog?: AwsActionCatalog | null
}

/** What a provider deriver returns. */
export interface DerivedGraph {
  readonly nodes: readonly GraphNode[]
  readonly edges: readonly GraphEdge[]
  readonly issues: readonly DataIssue[]
}

/** A provider's deriver: structure + techniques for its part of the inventory. */
export interface ProviderDeriver {
  readonly name: string
  readonly derive: (inventory: Inventory, options: DeriveOptions) => DerivedGraph
}

/** Later nodes fill what earlier ones left unset (an ExternalIdentity seen from AWS and from Entra). */
function mergeNode(a: GraphNode, b: GraphNode): GraphNode {
  return {
    ...a,
    tags: { ...b.tags, ...a.tags },
    properties: { ...b.properties, ...a.properties },
    isTierZero: a.isTierZero || b.isTierZero,
    isExposed: a.isExposed || b.isExposed,
  }
}

/** Two derivations of the same edge keep one edge with both reasons and the lower cost. */
function mergeEdge(a: GraphEdge, b: GraphEdge): GraphEdge {
  const seen = new Set(a.evidence.map((e) => JSON.stringify(e)))
  const evidence = [...a.evidence, ...b.evidence.filter((e) => !seen.has(JSON.stringify(e)))] as unknown as NonEmpty<Evidence>
  // An unconditional derivation makes the edge unconditional: one way always works.
  const pick = !a.conditional ? a : !b.conditional ? b : a.cost <= b.cost ? a : b
  return { ...pick, evidence }
}

/** Derive the whole graph from an inventory. Pure. */
export function deriveGraph(inventory: Inventory, options: Partial<DeriveOptions> = {}): DerivedGraph {
  const resolved: DeriveOptions = {
    classifier: options.classifier ?? compileClassifier(DEFAULT_CLASSIFICATION_CONFIG),
    now: options.now ?? new Date(),
    awsCatalog: options.awsCatalog ?? null,
  }
  const nodes = new Map<string, GraphNode>()
  const edges = new EdgeMerger()
  const issues: DataIssue[] = []
  for (const deriver of PROVIDER_DERIVERS) {
    const part = deriver.derive(inventory, resolved)
    for (const node of part.nodes) {
      const existing = nodes.get(node.id)
      nodes.set(node.id, existing ? mergeNode(existing, node) : node)
    }
    for (const edge of part.edges) edges.add(edge)
    issues.push(...part.issues)
  }
  markExposed(nodes, inventory, issues)
  const kept = edges.withEndpointsIn(nodes, issues)
  return { nodes: [...nodes.values()], edges: kept, issues }
}

/**
 * Edges merged by (from, kind, technique, to), first derivation first. Keyed
 * by source, then target: those strings are node ids whose hashes the node map
 * has already computed, where keying by each edge's long id would hash 10⁵
 * fresh strings.
 */
export class EdgeMerger {
  readonly #edges: GraphEdge[] = []
  /**
   * Source → the position in #edges of its only edge so far, or target →
   * position(s) (one, or several edges of different kinds/techniques). Most
   * sources have one edge (M: 50 k of 56 k); without a map each, M's derive
   * phase copies ~20 MB less in scavenges (~505 → ~486 MB).
   */
  readonly #bySource = new Map<string, number | Map<string, number | number[]>>()

  add(edge: GraphEdge): void {
    const entry = this.#bySource.get(edge.from)
    if (entry === undefined) {
      this.#bySource.set(edge.from, this.#edges.push(edge) - 1)
      return
    }
    let targets: Map<string, number | number[]>
    if (typeof entry === 'number') {
      const only = this.#edges[entry] as GraphEdge
      targets = new Map([[only.to, entry]])
      this.#bySource.set(edge.from, targets)
    } else targets = entry
    const slots = targets.get(edge.to)
    if (slots === undefined) {
      targets.set(edge.to, this.#edges.push(edge) - 1)
      return
    }
    const list = typeof slots === 'number' ? [slots] : slots
    for (const i of list) {
      const existing = this.#edges[i] as GraphEdge
      if (existing.kind === edge.kind && existing.technique === edge.technique) {
        this.#edges[i] = mergeEdge(existing, edge)
        return
      }
    }
    list.push(this.#edges.push(edge) - 1)
    if (list.length === 2) targets.set(edge.to, list)
  }

  /** The merged edges whose endpoints are both nodes; each dropped one is reported. */
  withEndpointsIn(nodes: ReadonlyMap<string, GraphNode>, issues: DataIssue[]): GraphEdge[] {
    const kept: GraphEdge[] = []
    for (const edge of this.#edges) {
      const hasFrom = nodes.has(edge.from)
      if (hasFrom && nodes.has(edge.to)) kept.push(edge)
      else issues.push({ severity: 'warning', where: edge.id, message: `edge dropped: endpoint \`${hasFrom ? edge.to : edge.from}\` is not in the inventory` })
    }
    return kept
  }
}

/** Leak findings mark their credential nodes exposed; an unknown key is reported, not invented. */
function markExposed(nodes: Map<string, GraphNode>, inventory: Inventory, issues: DataIssue[]): void {
  for (const leak of inventory.leaks) {
    const id = leak.provider === 'azure' ? `azure:${leak.credentialId.toLowerCase()}` : leak.credentialId
    const node = nodes.get(id)
    if (!node) {
      issues.push({ severity: 'warning', where: `leak ${leak.credentialId}`, message: `exposed credential \`${leak.credentialId}\` is not in the inventory` })
      continue
    }
    const where = leak.locations.map((l) => [l.repository, l.file, l.commit].filter(Boolean).join(':')).join(', ')
    nodes.set(id, { ...node, isExposed: true, properties: { ...node.properties, exposedAt: where } })
  }
}
