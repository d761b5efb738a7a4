/**
 * @module ingest/pipeline
 * The one pipeline: run loaders → merge their parts into an Inventory →
 * derive the graph (evaluators + techniques) → check for secrets → write one
 * snapshot. All or nothing: any failure before the write leaves the store
 * untouched, and the store's write is itself atomic.
 */
import type { GraphStore, SnapshotMeta } from '../graph/index.js'
import type { ClassificationConfig, DataIssue, Inventory, InventoryPart, ProgressReporter } from '../model/index.js'
import {
  CrownpathError,
  DEFAULT_CLASSIFICATION_CONFIG,
  SILENT_PROGRESS,
  assertNoSecrets,
  compileClassifier,
  emptyInventory,
  isCrownpathError,
  mergeInventory,
} from '../model/index.js'
import type { ActionCatalog } from '../aws/policy/index.js'
import { deriveGraph } from '../techniques/index.js'
import { readActionCatalog } from './action-catalog.js'
import type { LoaderArgs, LoaderRow } from './loaders.js'
import { LOADERS, findLoader } from './loaders.js'

/** One loader to run, with its arguments. */
export interface LoaderInvocation {
  /** A name from the loader table. */
  readonly loader: string
  readonly args: LoaderArgs
  /** Directory relative paths in `args` resolve against (default: the request's `cwd`). */
  readonly cwd?: string
}

/** What to ingest and where to put it. */
export interface IngestRequest {
  readonly store: GraphStore
  /** Ready-made inventory parts (tests, the API upload route), merged first. */
  readonly parts?: readonly InventoryPart[]
  /** Loaders to run, in order, after `parts`. */
  readonly loaders?: readonly LoaderInvocation[]
  /** The loader table (default {@link LOADERS}); tests inject their own. */
  readonly loaderTable?: readonly LoaderRow[]
  readonly classification?: ClassificationConfig
  readonly label?: string | null
  /** Ingest time: the snapshot's timestamp and the derivation's "now". */
  readonly now?: Date
  readonly progress?: ProgressReporter
  /** Default directory for relative loader paths (default: `process.cwd()`). */
  readonly cwd?: string
  /**
   * The AWS action catalogue, from a caller that already holds one (a server
   * ingesting uploads); by default it is read for this ingest when the
   * inventory holds AWS principals.
   */
  readonly awsCatalog?: () => Promise<ActionCatalog>
}

/** What an ingest produced. */
export interface IngestResult {
  readonly snapshot: SnapshotMeta
  /** Every data issue recorded in the snapshot (loaders' and derivation's). */
  readonly issues: readonly DataIssue[]
}

/** Run the loaders and merge everything into one inventory (no store access). */
export async function collectInventory(request: Omit<IngestRequest, 'store'>): Promise<Inventory> {
  const progress = request.progress ?? SILENT_PROGRESS
  const table = request.loaderTable ?? LOADERS
  const now = request.now ?? new Date()
  // Resolve every loader name before running any: a typo must not cost a long load first.
  const runs = (request.loaders ?? []).map((invocation) => {
    const row = findLoader(invocation.loader, table)
    if (!row) {
      const names = table.map((r) => `\`${r.name}\``).join(', ') || 'none'
      throw new CrownpathError('CP_ERR_USAGE', { reason: `unknown loader \`${invocation.loader}\`: expected one of ${names}` })
    }
    return { row, invocation }
  })
  let inventory = emptyInventory()
  for (const part of request.parts ?? []) inventory = mergeInventory(inventory, part)
  for (const [i, { row, invocation }] of runs.entries()) {
    progress.step(`loading ${row.name}`, { loader: row.name, step: i + 1, of: runs.length })
    let part: InventoryPart
    try {
      part = await row.load(invocation.args, { cwd: invocation.cwd ?? request.cwd ?? process.cwd(), now, progress })
    } catch (error) {
      if (isCrownpathError(error)) throw error
      throw new CrownpathError('CP_ERR_INTERNAL', { reason: `loader \`${row.name}\` failed: ${error instanceof Error ? error.message : String(error)}` }, { cause: error })
    }
    inventory = mergeInventory(inventory, part)
  }
  return inventory
}

/**
 * Ingest: load, merge, derive, write one snapshot.
 *
 * INVARIANT (ingest-all-or-nothing): nothing reaches the store until every
 * loader has succeeded and the graph is derived; a thrown error leaves the
 * previous snapshots exactly as they were.
 */
export async function runIngest(request: IngestRequest): Promise<IngestResult> {
  const progress = request.progress ?? SILENT_PROGRESS
  const now = request.now ?? new Date()
  const inventory = await collectInventory({ ...request, now })
  // Checked before derivation (the store checks again before writing): secret material must
  // not reach the derivers, whose issues and evidence are stored and shown.
  assertNoSecrets(inventory, '$.inventory')
  progress.step('deriving the graph')
  // Access levels (CanAccess edges) come from the action catalogue: the caller's, else read now.
  const hasAwsPrincipals = inventory.aws.users.length + inventory.aws.roles.length > 0
  const awsCatalog = hasAwsPrincipals ? await (request.awsCatalog?.() ?? readActionCatalog()) : null
  const derived = deriveGraph(inventory, { classifier: compileClassifier(request.classification ?? DEFAULT_CLASSIFICATION_CONFIG), now, awsCatalog })
  const issues = [...inventory.issues, ...derived.issues]
  progress.step('writing the snapshot', { nodes: derived.nodes.length, edges: derived.edges.length })
  const snapshot = await request.store.writeSnapshot({
    label: request.label ?? null,
    nodes: derived.nodes,
    edges: derived.edges,
    inventory,
    issues,
    createdAt: now,
  })
  progress.done(`snapshot ${snapshot.id} written`, { nodes: snapshot.nodeCount, edges: snapshot.edgeCount, issues: snapshot.issueCount })
  return { snapshot, issues }
}
