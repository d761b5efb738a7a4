/**
 * @module graph/diff
 * What changed between two snapshots: nodes and edges added and removed
 * (by id), and nodes that became (or stopped being) tier zero. New and
 * removed *paths* are the path engine's job; this is the element-level diff.
 */
import type { GraphEdge, GraphNode } from '../model/index.js'
import type { SnapshotContent } from './store.js'

/** The element-level difference from snapshot `from` to snapshot `to`. */
export interface SnapshotDiff {
  readonly from: string
  readonly to: string
  readonly addedNodes: readonly GraphNode[]
  readonly removedNodes: readonly GraphNode[]
  readonly addedEdges: readonly GraphEdge[]
  readonly removedEdges: readonly GraphEdge[]
  /** Nodes tier zero in `to` that were absent or not tier zero in `from` (new admins, new scopes). */
  readonly newTierZero: readonly GraphNode[]
  /** Nodes tier zero in `from` that are absent or not tier zero in `to`. */
  readonly removedTierZero: readonly GraphNode[]
}

/** Diff two snapshots. Elements are matched by id; results keep the order of the snapshot they come from. */
export function diffSnapshots(from: SnapshotContent, to: SnapshotContent): SnapshotDiff {
  const oldNodes = new Map(from.nodes.map((n) => [n.id, n]))
  const newNodes = new Map(to.nodes.map((n) => [n.id, n]))
  const oldEdges = new Set(from.edges.map((e) => e.id))
  const newEdges = new Set(to.edges.map((e) => e.id))
  return {
    from: from.meta.id,
    to: to.meta.id,
    addedNodes: to.nodes.filter((n) => !oldNodes.has(n.id)),
    removedNodes: from.nodes.filter((n) => !newNodes.has(n.id)),
    addedEdges: to.edges.filter((e) => !oldEdges.has(e.id)),
    removedEdges: from.edges.filter((e) => !newEdges.has(e.id)),
    newTierZero: to.nodes.filter((n) => n.isTierZero && !(oldNodes.get(n.id)?.isTierZero ?? false)),
    removedTierZero: from.nodes.filter((n) => n.isTierZero && !(newNodes.get(n.id)?.isTierZero ?? false)),
  }
}
