/**
 * @module graph/neo4j/connection
 * Connection settings for the Neo4j store (env NEO4J_URI, NEO4J_USERNAME,
 * NEO4J_PASSWORD, NEO4J_DATABASE, or explicit options), the driver, named
 * query execution through executeRead/executeWrite, and the mapping of driver
 * failures to coded errors.
 */
import type { Driver, ManagedTransaction, Session } from 'neo4j-driver'
import { CrownpathError, isCrownpathError } from '../../model/index.js'
import type { QueryName, QueryParams } from '../../../queries/index.js'
import { QUERIES, loadQuery } from '../../../queries/index.js'

/** The Neo4j store description (the `neo4j` member of StoreSpec). */
export interface Neo4jStoreSpec {
  readonly kind: 'neo4j'
  /** Bolt URI, e.g. `bolt://127.0.0.1:7687`; defaults to env NEO4J_URI. */
  readonly uri?: string
  /** Defaults to env NEO4J_USERNAME (or `neo4j` when a password is given). */
  readonly username?: string
  /** Defaults to env NEO4J_PASSWORD; no password = no authentication (a server with auth off). */
  readonly password?: string
  /** Defaults to env NEO4J_DATABASE, else the server's default database. */
  readonly database?: string
  /** Rows per UNWIND statement when writing (default 5000). */
  readonly batchRows?: number
  /**
   * How long the driver retries a transaction that failed for a transient
   * reason (a restart, a lost connection) before the store reports
   * CP_ERR_STORE_UNAVAILABLE; default 5000 ms, so an API request fails fast
   * with a 503 instead of hanging for the driver's default 30 s.
   */
  readonly retryMs?: number
  /** Test hook: called after each batch of a snapshot write; throwing aborts the write. */
  readonly onBatchWritten?: (info: { readonly snapshotId: string; readonly section: string; readonly ordinal: number }) => void
}

/** Resolved connection settings. */
export interface Neo4jSettings {
  readonly uri: string
  readonly username: string | null
  readonly password: string | null
  readonly database: string | null
}

/** Settings from the spec, falling back to the environment. Throws CP_ERR_USAGE when no URI is known. */
export function resolveNeo4jSettings(spec: Neo4jStoreSpec, env: NodeJS.ProcessEnv = process.env): Neo4jSettings {
  const uri = spec.uri ?? env.NEO4J_URI
  if (uri === undefined || uri.trim() === '') {
    throw new CrownpathError('CP_ERR_USAGE', { reason: 'the neo4j store needs a Bolt URI: set NEO4J_URI (e.g. `bolt://127.0.0.1:7687`)' })
  }
  const password = spec.password ?? env.NEO4J_PASSWORD ?? null
  const username = spec.username ?? env.NEO4J_USERNAME ?? (password === null ? null : 'neo4j')
  const database = spec.database ?? env.NEO4J_DATABASE ?? null
  return { uri: uri.trim(), username, password: password === '' ? null : password, database: database === '' ? null : database }
}

/** The driver package (its CommonJS exports). */
export type Neo4jDriverModule = typeof import('neo4j-driver')

let driverModule: Neo4jDriverModule | null = null

/**
 * The driver package, imported on the first connection: it is several hundred
 * modules (~0.2 s), and a command on the memory store should not pay for it.
 */
export async function loadNeo4jDriver(): Promise<Neo4jDriverModule> {
  // A CommonJS package: its exports object is the ESM default export.
  driverModule ??= (await import('neo4j-driver')).default as unknown as Neo4jDriverModule
  return driverModule
}

/** Driver error codes that mean "the server is not there right now". */
const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired'])

/** True when a driver error means the server is unreachable or restarting (so: retry later, 503). */
export function isUnavailableError(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string') {
    if (UNAVAILABLE_CODES.has(code)) return true
    // Neo.TransientError.* (e.g. the database is starting or shutting down).
    if (code.startsWith('Neo.TransientError.')) return true
    if (code === 'Neo.ClientError.Database.DatabaseUnavailable') return true
    // Node socket errors surfacing unwrapped.
    if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code)) return true
  }
  // Without the driver loaded no driver error can exist yet.
  return driverModule?.isRetryableError(error as Error) ?? false
}

/** The message of an error, without anything that could hold credentials (driver messages do not). */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n')[0] ?? text
}

/** Map any failure of a store operation to a coded error (CrownpathErrors pass through). */
export function toStoreError(error: unknown, location: string, fallback: 'CP_ERR_SNAPSHOT_WRITE' | 'CP_ERR_INTERNAL'): CrownpathError {
  if (isCrownpathError(error)) return error
  if (isUnavailableError(error)) return new CrownpathError('CP_ERR_STORE_UNAVAILABLE', { location, reason: errorText(error) }, { cause: error })
  return new CrownpathError(fallback, { reason: `neo4j \`${location}\`: ${errorText(error)}` }, { cause: error })
}

/** A row of a query result, as a plain object. */
export type Row = Record<string, unknown>

/**
 * A driver plus the database to use, running the named queries of `queries/`.
 * Reads go through `executeRead`, writes through `executeWrite` (driver 6 has
 * no readTransaction/writeTransaction), so transient failures are retried for
 * `retryMs` and then surface as CP_ERR_STORE_UNAVAILABLE.
 */
export class Neo4jConnection {
  readonly driver: Driver
  readonly settings: Neo4jSettings
  readonly #neo4j: Neo4jDriverModule

  /** `neo4j` is the driver package ({@link loadNeo4jDriver}). */
  constructor(neo4j: Neo4jDriverModule, settings: Neo4jSettings, retryMs: number) {
    this.#neo4j = neo4j
    this.settings = settings
    const auth = settings.password !== null ? neo4j.auth.basic(settings.username ?? 'neo4j', settings.password) : undefined
    this.driver = neo4j.driver(settings.uri, auth, {
      // Counts, costs and positions are far below 2^53: plain numbers keep rows JSON-like.
      disableLosslessIntegers: true,
      maxTransactionRetryTime: retryMs,
      connectionTimeout: Math.max(1000, Math.min(retryMs, 5000)),
      connectionAcquisitionTimeout: Math.max(2000, retryMs),
      userAgent: 'crownpath',
    })
  }

  /** The location shown in messages: the URI (never the credentials). */
  get location(): string {
    return this.settings.uri
  }

  #session(mode: 'read' | 'write'): Session {
    return this.driver.session({
      ...(this.settings.database !== null ? { database: this.settings.database } : {}),
      defaultAccessMode: mode === 'read' ? this.#neo4j.session.READ : this.#neo4j.session.WRITE,
    })
  }

  /** Run one named query in its own transaction (read or write per the QUERIES table). */
  async run<N extends QueryName>(name: N, params: QueryParams[N]): Promise<Row[]> {
    const mode = QUERIES[name].mode
    const text = loadQuery(name)
    const session = this.#session(mode)
    try {
      const work = async (tx: ManagedTransaction): Promise<Row[]> => {
        const result = await tx.run(text, params as unknown as Record<string, unknown>)
        return result.records.map((r) => r.toObject() as Row)
      }
      return mode === 'read' ? await session.executeRead(work) : await session.executeWrite(work)
    } finally {
      await session.close()
    }
  }

  /** Run several named read queries in one read transaction (one consistent view). */
  async readTogether(steps: (run: <N extends QueryName>(name: N, params: QueryParams[N]) => Promise<Row[]>) => Promise<void>): Promise<void> {
    const session = this.#session('read')
    try {
      await session.executeRead(async (tx) => {
        await steps(async (name, params) => {
          const result = await tx.run(loadQuery(name), params as unknown as Record<string, unknown>)
          return result.records.map((r) => r.toObject() as Row)
        })
      })
    } finally {
      await session.close()
    }
  }

  /** Run raw statements (schema.cypher) one by one in auto-commit mode (schema changes need their own transactions). */
  async runStatements(statements: readonly string[]): Promise<void> {
    const session = this.#session('write')
    try {
      for (const statement of statements) await session.run(statement)
    } finally {
      await session.close()
    }
  }

  async close(): Promise<void> {
    await this.driver.close()
  }
}
