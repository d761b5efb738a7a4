/**
 * @module graph/memory
 * The embedded store (SQLite snapshots, queried in memory) and the
 * snapshot → graphology loader.
 */
export { MemoryGraphStore, openMemoryStore } from './sqlite-store.js'
export type { ChunkWrittenInfo, MemoryStoreOptions } from './sqlite-store.js'
export { loadGraphology } from './graphology.js'
export type { CrownpathGraph } from './graphology.js'
export { LATEST_REF, SNAPSHOT_ID_PATTERN, formatSnapshotTime, makeSnapshotId, matchSnapshotRef } from './snapshot-id.js'
export { CHUNK_ROWS } from './codec.js'
