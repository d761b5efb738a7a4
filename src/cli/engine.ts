/**
 * @module cli/engine
 * Open a path engine on one snapshot of the store the CLI selected: the
 * memory engine over the snapshot content, or the Cypher engine on Neo4j.
 */
import type { GraphStore } from '../graph/index.js'
import type { PathEngine } from '../paths/index.js'
import { openMemoryEngine } from '../paths/index.js'

/** A path engine for `snapshotRef` in `store`. */
export async function openEngineFor(store: GraphStore, snapshotRef: string): Promise<PathEngine> {
  const content = await store.readSnapshot(snapshotRef)
  return openMemoryEngine(content)
}
