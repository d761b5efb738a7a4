/**
 * @module reports/input
 * Assemble a report's input from a store: one snapshot's content and
 * inventory, a path engine on it, the settings and the catalogue.
 */
import type { GraphStore, SnapshotRef } from '../graph/index.js'
import type { ActionCatalog } from '../aws/policy/index.js'
import type { PathEngine } from '../paths/index.js'
import type { ReportInput, ReportSettings } from './types.js'
import { DEFAULT_REPORT_SETTINGS } from './types.js'

/** What {@link loadReportInput} needs. */
export interface ReportInputSource {
  readonly store: GraphStore
  readonly ref: SnapshotRef
  /** Opens a path engine on the snapshot the ref resolves to. */
  readonly openEngine: (snapshotId: string) => Promise<PathEngine>
  readonly settings?: Partial<ReportSettings>
  readonly catalog: ActionCatalog | null
  readonly now: Date
}

/** Read one snapshot and build the input every report takes. */
export async function loadReportInput(source: ReportInputSource): Promise<ReportInput> {
  const content = await source.store.readSnapshot(source.ref)
  const inventory = await source.store.readInventory(content.meta.id)
  const engine = await source.openEngine(content.meta.id)
  return {
    meta: content.meta,
    nodes: content.nodes,
    edges: content.edges,
    inventory,
    engine,
    settings: { ...DEFAULT_REPORT_SETTINGS, ...(source.settings ?? {}) },
    catalog: source.catalog,
    now: source.now,
  }
}
