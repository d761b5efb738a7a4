/**
 * @module graph/memory
 * The embedded store (SQLite snapshots, queried in memory) and the
 * snapshot → in-memory graph loader.
 */
export { MemoryGraphStore, openMemoryStore } from './sqlite-store.js'
export type { ChunkWrittenInfo, MemoryStoreOptions } from './sqlite-store.js'
export { edgesByNode, loadSnapshotGraph } from './snapshot-graph.js'
export type { CrownpathGraph } from './snapshot-graph.js'
export { LATEST_REF, SNAPSHOT_ID_PATTERN, formatSnapshotTime, makeSnapshotId, matchSnapshotRef } from './snapshot-id.js'
export { CHUNK_ROWS } from './codec.js'
