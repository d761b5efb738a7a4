/**
 * @module cli/engine
 * Open a path engine on one snapshot of the store the CLI selected: the
 * memory engine over the snapshot content, or the Cypher engine on Neo4j.
 */
import type { GraphStore } from '../graph/index.js'
import { Neo4jGraphStore } from '../graph/index.js'
import type { PathEngine } from '../paths/index.js'
import { openCypherEngine, openMemoryEngine } from '../paths/index.js'

/** A path engine for `snapshotRef` in `store`. */
export async function openEngineFor(store: GraphStore, snapshotRef: string): Promise<PathEngine> {
  // On Neo4j the queries run there (fetching only the subgraph each needs), not over a full read.
  if (store instanceof Neo4jGraphStore) return openCypherEngine(store, snapshotRef)
  const content = await store.readSnapshot(snapshotRef)
  return openMemoryEngine(content)
}
