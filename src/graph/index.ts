/**
 * @module graph
 * Public surface of the graph layer: the GraphStore contract, the store
 * factory, the memory store, the snapshot graph loader, snapshot diffs, and the
 * model's graph types re-exported for convenience.
 */
export type {
  GraphStore,
  NodePage,
  NodeQuery,
  SnapshotContent,
  SnapshotInput,
  SnapshotMeta,
  SnapshotRef,
} from './store.js'
export { openStore, STORE_KINDS } from './open.js'
export type { MemoryStoreSpec, StoreSpec } from './open.js'
export {
  CHUNK_ROWS,
  LATEST_REF,
  MemoryGraphStore,
  SNAPSHOT_ID_PATTERN,
  formatSnapshotTime,
  edgesByNode,
  loadSnapshotGraph,
  makeSnapshotId,
  matchSnapshotRef,
  openMemoryStore,
} from './memory/index.js'
export type { ChunkWrittenInfo, CrownpathGraph, MemoryStoreOptions } from './memory/index.js'
export { DEFAULT_BATCH_ROWS, Neo4jGraphStore, decodeEdge, decodeNode, openNeo4jStore, resolveNeo4jSettings, toStoreError } from './neo4j/index.js'
export type { Neo4jSettings, Neo4jStoreSpec, Row } from './neo4j/index.js'
export { diffSnapshots } from './diff.js'
export type { SnapshotDiff } from './diff.js'
export type { EdgeKind, GraphEdge, GraphNode, NodeKind } from '../model/index.js'
