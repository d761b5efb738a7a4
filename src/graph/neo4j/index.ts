/**
 * @module graph/neo4j
 * The Neo4j GraphStore (neo4j-driver 6, Cypher from queries/) and its
 * connection settings; the Cypher path engine runs through its connection.
 */
export { DEFAULT_BATCH_ROWS, Neo4jGraphStore, openNeo4jStore } from './store.js'
export { Neo4jConnection, isUnavailableError, resolveNeo4jSettings, toStoreError } from './connection.js'
export type { Neo4jSettings, Neo4jStoreSpec, Row } from './connection.js'
export { decodeEdge, decodeNode, encodeEdge, encodeNode } from './codec.js'
