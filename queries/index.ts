/**
 * @module queries
 * The Cypher the Neo4j store and the Cypher path engine run: one `.cypher`
 * file per query beside this module, loaded by name at run time and cached.
 * Every value is a parameter; labels and relationship types are either fixed
 * in the files or (write-nodes, write-edges) checked against the kinds table
 * before they are sent. No Cypher is ever assembled from user strings.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** A value a query parameter can take. */
export type QueryValue = string | number | boolean | null | readonly QueryValue[] | { readonly [key: string]: QueryValue }

/** Parameters common to every query that reads or writes one snapshot. */
interface SnapshotParams {
  readonly snapshot: string
}

/** Edge filters, as the path queries take them (null = every kind). */
interface FilterParams {
  readonly kinds: readonly string[] | null
  readonly excludeConditional: boolean
}

/**
 * The parameter type of every query, by name. Adding a query = one `.cypher`
 * file + one row here (the test in test/graph/neo4j checks both ways).
 */
export interface QueryParams {
  readonly schema: Record<string, never>
  readonly 'snapshot-begin': { readonly id: string; readonly createdAt: string; readonly label: string | null; readonly startedAt: string }
  readonly 'write-nodes': SnapshotParams & { readonly rows: readonly { readonly id: string; readonly kind: string; readonly props: Record<string, QueryValue> }[] }
  readonly 'write-edges': SnapshotParams & {
    readonly rows: readonly { readonly from: string; readonly to: string; readonly kind: string; readonly props: Record<string, QueryValue> }[]
  }
  readonly 'write-chunks': SnapshotParams & { readonly rows: readonly { readonly section: string; readonly ordinal: number; readonly data: string }[] }
  readonly 'snapshot-complete': { readonly id: string; readonly meta: string }
  readonly 'snapshot-hide': { readonly id: string }
  readonly 'list-snapshots': Record<string, never>
  readonly 'list-stale-snapshots': { readonly before: string }
  readonly 'delete-snapshot-nodes': SnapshotParams & { readonly batch: number }
  readonly 'delete-snapshot-chunks': SnapshotParams & { readonly batch: number }
  readonly 'delete-snapshot-meta': { readonly id: string }
  readonly 'read-chunks': SnapshotParams & { readonly prefix: string }
  readonly 'read-nodes': SnapshotParams & { readonly from: number; readonly to: number }
  readonly 'read-edges': SnapshotParams & { readonly from: number; readonly to: number }
  readonly 'list-nodes': SnapshotParams & {
    readonly kind: string | null
    readonly provider: string | null
    readonly isTierZero: boolean | null
    readonly search: string | null
    readonly offset: number
    readonly limit: number
  }
  readonly 'get-nodes': SnapshotParams & { readonly ids: readonly string[] }
  readonly 'nodes-by-name': SnapshotParams & { readonly name: string }
  readonly 'nodes-in-set': SnapshotParams & {
    readonly set: 'exposed' | 'tier0' | 'crown-jewels' | 'kind' | 'tag'
    readonly kind: string | null
    readonly tag: string | null
    readonly resourceKinds: readonly string[]
  }
  readonly 'expand-out': SnapshotParams & FilterParams & { readonly frontier: readonly string[] }
  readonly 'expand-in': SnapshotParams & FilterParams & { readonly frontier: readonly string[] }
  readonly 'shortest-path-hops': SnapshotParams & FilterParams & { readonly from: readonly string[]; readonly to: readonly string[] }
  readonly 'blast-radius': SnapshotParams & FilterParams & { readonly from: readonly string[] }
  readonly 'who-can': SnapshotParams & FilterParams & { readonly to: readonly string[]; readonly actorKinds: readonly string[] }
  readonly 'privesc-findings': SnapshotParams & FilterParams & { readonly principalKinds: readonly string[] }
  readonly 'tier-zero-principals': SnapshotParams & { readonly principalKinds: readonly string[] }
}

/** A query name. */
export type QueryName = keyof QueryParams

/** Every query name with what it is for (the file is `<name>.cypher`). */
export const QUERIES: Readonly<Record<QueryName, { readonly mode: 'read' | 'write'; readonly description: string }>> = {
  schema: { mode: 'write', description: 'constraints and indexes, run on store start' },
  'snapshot-begin': { mode: 'write', description: 'create an incomplete snapshot node' },
  'write-nodes': { mode: 'write', description: 'one UNWIND batch of nodes' },
  'write-edges': { mode: 'write', description: 'one UNWIND batch of edges' },
  'write-chunks': { mode: 'write', description: 'inventory and issue chunks' },
  'snapshot-complete': { mode: 'write', description: 'publish a snapshot' },
  'snapshot-hide': { mode: 'write', description: 'hide a snapshot before deleting it' },
  'list-snapshots': { mode: 'read', description: 'complete snapshots, newest first' },
  'list-stale-snapshots': { mode: 'read', description: 'snapshots a dead writer or deleter left behind' },
  'delete-snapshot-nodes': { mode: 'write', description: 'one batch of a snapshot deletion' },
  'delete-snapshot-chunks': { mode: 'write', description: 'one batch of a snapshot deletion' },
  'delete-snapshot-meta': { mode: 'write', description: 'the last step of a snapshot deletion' },
  'read-chunks': { mode: 'read', description: 'inventory or issue chunks' },
  'read-nodes': { mode: 'read', description: 'nodes by write position' },
  'read-edges': { mode: 'read', description: 'edges by source write position' },
  'list-nodes': { mode: 'read', description: 'one filtered page of nodes' },
  'get-nodes': { mode: 'read', description: 'nodes by exact id' },
  'nodes-by-name': { mode: 'read', description: 'node ids by exact name' },
  'nodes-in-set': { mode: 'read', description: 'members of a named node set' },
  'expand-out': { mode: 'read', description: 'one BFS level outwards' },
  'expand-in': { mode: 'read', description: 'one BFS level inwards' },
  'shortest-path-hops': { mode: 'read', description: 'fewest-hops path (SHORTEST 1), the reachability pre-check' },
  'blast-radius': { mode: 'read', description: 'reachable set within 12 hops' },
  'who-can': { mode: 'read', description: 'actors reaching the targets within 12 hops' },
  'privesc-findings': { mode: 'read', description: 'non-tier-zero principals reaching tier zero' },
  'tier-zero-principals': { mode: 'read', description: 'principals that are tier zero' },
}

/**
 * Where the `.cypher` files are. From source (tsx, vitest) they sit beside
 * this module; from the build (`dist/queries/index.js`) they are two levels up
 * in the package's `queries/` folder (package.json `files`).
 */
function queriesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url))
  if (existsSync(join(here, 'schema.cypher'))) return here
  return join(here, '..', '..', 'queries')
}

const cache = new Map<QueryName, string>()

/** The text of a query, read once and cached. */
export function loadQuery(name: QueryName): string {
  const cached = cache.get(name)
  if (cached !== undefined) return cached
  const text = readFileSync(join(queriesDir(), `${name}.cypher`), 'utf8')
  cache.set(name, text)
  return text
}

/**
 * A file holding several statements (schema.cypher), split on lines holding
 * only `;`. Comment lines are kept with their statement (Cypher ignores them).
 */
export function loadStatements(name: QueryName): string[] {
  return loadQuery(name)
    .split(/^\s*;\s*$/m)
    .map((s) => s.trim())
    .filter((s) => s.replace(/^\/\/.*$/gm, '').trim() !== '')
}

/** The folder of saved analyst queries (paste into Neo4j Browser). */
export function savedQueriesDir(): string {
  return join(queriesDir(), 'saved')
}
