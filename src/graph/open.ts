/**
 * @module graph/open
 * The store factory: one switch from a store description to a GraphStore.
 */
import type { GraphStore } from './store.js'
import type { MemoryStoreOptions } from './memory/index.js'
import { openMemoryStore } from './memory/index.js'
import type { Neo4jStoreSpec } from './neo4j/index.js'
import { openNeo4jStore } from './neo4j/index.js'

/** The embedded store on a SQLite file. */
export interface MemoryStoreSpec extends Omit<MemoryStoreOptions, 'path'> {
  readonly kind: 'memory'
  readonly path: string
}

/**
 * Which store to open: the embedded memory store, or Neo4j
 * (`{ kind: 'neo4j', uri?, ... }`; unset fields come from NEO4J_* env).
 */
export type StoreSpec = MemoryStoreSpec | Neo4jStoreSpec

/** The store kinds the CLI's `--store` accepts. */
export const STORE_KINDS = ['memory', 'neo4j'] as const

/** Open a graph store. Throws CP_ERR_STORE_OPEN / CP_ERR_STORE_UNAVAILABLE. */
export async function openStore(spec: StoreSpec): Promise<GraphStore> {
  switch (spec.kind) {
    case 'memory':
      return openMemoryStore(spec)
    case 'neo4j':
      return openNeo4jStore(spec)
    default:
      return assertNever(spec)
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled store kind ${String(value)}`)
}
