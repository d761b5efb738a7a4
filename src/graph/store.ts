/**
 * @module graph/store
 * The GraphStore contract: immutable, timestamped snapshots of the graph (plus
 * the inventory they were derived from), written atomically, listed, read,
 * deleted. `memory/` (SQLite, queried as an in-memory graph) and `neo4j/` implement it.
 */
import type { DataIssue, GraphEdge, GraphNode, Inventory, NodeKind, Provider, SourceRef } from '../model/index.js'

/** What an ingest hands to a store. */
export interface SnapshotInput {
  readonly label?: string | null
  readonly nodes: readonly GraphNode[]
  readonly edges: readonly GraphEdge[]
  /** The inventory the graph was derived from (for simulate and reports); never holds secrets. */
  readonly inventory: Inventory
  readonly issues: readonly DataIssue[]
  /** Wall-clock time of the ingest; injected so tests control it. */
  readonly createdAt?: Date
}

/** The description of one stored snapshot. */
export interface SnapshotMeta {
  /** `snap-<yyyymmddThhmmssmmmZ>-<4 hex>`: sortable by time. */
  readonly id: string
  readonly createdAt: string
  readonly label: string | null
  readonly nodeCount: number
  readonly edgeCount: number
  readonly issueCount: number
  readonly sources: readonly SourceRef[]
  /** Counts per node kind, for listings. */
  readonly kinds: Readonly<Partial<Record<NodeKind, number>>>
}

/** A snapshot reference: an id, a unique id prefix, or `latest`. */
export type SnapshotRef = string

/** Filters for node listings. */
export interface NodeQuery {
  readonly kind?: NodeKind
  readonly provider?: Provider
  /** Case-insensitive substring of id or name. */
  readonly search?: string
  readonly isTierZero?: boolean
  readonly limit: number
  readonly offset: number
}

/** One page of nodes. */
export interface NodePage {
  readonly total: number
  readonly nodes: readonly GraphNode[]
}

/** The full content of a snapshot. */
export interface SnapshotContent {
  readonly meta: SnapshotMeta
  readonly nodes: readonly GraphNode[]
  readonly edges: readonly GraphEdge[]
  readonly issues: readonly DataIssue[]
}

/**
 * A graph store. Every method reading a snapshot takes a ref and throws
 * CP_ERR_SNAPSHOT_NOT_FOUND (or CP_ERR_SNAPSHOT_NONE for `latest` on an empty store).
 *
 * INVARIANT (snapshot-immutable): once `writeSnapshot` resolves, the snapshot's
 * content never changes; a failed write leaves every earlier snapshot readable
 * and adds nothing.
 */
export interface GraphStore {
  /** Human-readable location (file path, bolt URI) for messages. */
  readonly location: string
  writeSnapshot(input: SnapshotInput): Promise<SnapshotMeta>
  /** Newest first. */
  listSnapshots(): Promise<readonly SnapshotMeta[]>
  resolveSnapshot(ref: SnapshotRef): Promise<SnapshotMeta>
  deleteSnapshot(ref: SnapshotRef): Promise<SnapshotMeta>
  readSnapshot(ref: SnapshotRef): Promise<SnapshotContent>
  readInventory(ref: SnapshotRef): Promise<Inventory>
  listNodes(ref: SnapshotRef, query: NodeQuery): Promise<NodePage>
  /** The node with this id (any letter case for Entra ids), or null. */
  getNode(ref: SnapshotRef, id: string): Promise<GraphNode | null>
  close(): Promise<void>
}

/** The listing metadata of a snapshot about to be written (both stores record the same fields). */
export function buildSnapshotMeta(id: string, createdAt: Date, input: SnapshotInput): SnapshotMeta {
  const kinds: Partial<Record<NodeKind, number>> = {}
  for (const node of input.nodes) kinds[node.kind] = (kinds[node.kind] ?? 0) + 1
  return {
    id,
    createdAt: createdAt.toISOString(),
    label: input.label ?? null,
    nodeCount: input.nodes.length,
    edgeCount: input.edges.length,
    issueCount: input.issues.length,
    sources: input.inventory.sources,
    kinds,
  }
}
