/**
 * @module api/tokens
 * API tokens: 32 random bytes shown once, stored only as a SHA-256 hash with
 * a name and a role in a small `api_tokens` table of the store's SQLite file.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import Database from 'better-sqlite3'
import { CrownpathError } from '../model/index.js'
import type { Role } from './types.js'
import { ROLES } from './types.js'

/** Prefix that tells API tokens from JWTs (and makes leaked tokens easy for scanners to find). */
export const TOKEN_PREFIX = 'cpt_'

/** A stored token, without its secret. */
export interface TokenRecord {
  /** Short public id (`tok_<hex>`), for listing and revoking. */
  readonly id: string
  readonly name: string
  readonly role: Role
  readonly createdAt: string
  readonly lastUsedAt: string | null
  readonly revokedAt: string | null
}

/** A freshly created token: the secret appears here and nowhere else. */
export interface CreatedToken {
  readonly record: TokenRecord
  readonly token: string
}

/** The token table. */
export interface TokenRepository {
  create(input: { name: string; role: Role; now?: Date }): CreatedToken
  list(): readonly TokenRecord[]
  /** Revoke by id or name; throws CP_ERR_TOKEN_NOT_FOUND. */
  revoke(idOrName: string, now?: Date): TokenRecord
  /** The active token matching a presented secret, or null. Updates last use. */
  verify(token: string, now?: Date): TokenRecord | null
  close(): void
}

/** SHA-256 of a token, hex. Tokens carry 256 bits of entropy, so a fast hash is enough (no password stretching needed). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

interface Row {
  id: string
  name: string
  role: string
  hash: string
  created_at: string
  last_used_at: string | null
  revoked_at: string | null
}

function toRecord(row: Row): TokenRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  }
}

/** Open (and create if needed) the token table in a SQLite file (`:memory:` for tests). */
export function openTokenRepository(path: string): TokenRepository {
  let db: Database.Database
  try {
    db = new Database(path)
  } catch (error) {
    throw new CrownpathError('CP_ERR_STORE_OPEN', { location: path, reason: error instanceof Error ? error.message : String(error) }, { cause: error })
  }
  db.pragma('journal_mode = WAL')
  db.exec(`CREATE TABLE IF NOT EXISTS api_tokens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
  )`)
  const insert = db.prepare('INSERT INTO api_tokens (id, name, role, hash, created_at) VALUES (?, ?, ?, ?, ?)')
  const all = db.prepare('SELECT * FROM api_tokens ORDER BY created_at, id')
  const byHash = db.prepare('SELECT * FROM api_tokens WHERE hash = ?')
  const byIdOrName = db.prepare('SELECT * FROM api_tokens WHERE (id = ? OR name = ?) AND revoked_at IS NULL')
  const revoke = db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ?')
  const touch = db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?')

  return {
    create({ name, role, now = new Date() }) {
      if (!ROLES.includes(role)) throw new CrownpathError('CP_ERR_USAGE', { reason: `unknown role \`${role}\`: expected one of ${ROLES.join(', ')}` })
      if (name.trim() === '') throw new CrownpathError('CP_ERR_USAGE', { reason: 'a token needs a name' })
      const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`
      const id = `tok_${randomBytes(6).toString('hex')}`
      insert.run(id, name, role, hashToken(token), now.toISOString())
      return { record: { id, name, role, createdAt: now.toISOString(), lastUsedAt: null, revokedAt: null }, token }
    },
    list() {
      return (all.all() as Row[]).map(toRecord)
    },
    revoke(idOrName, now = new Date()) {
      const rows = byIdOrName.all(idOrName, idOrName) as Row[]
      if (rows.length === 0) throw new CrownpathError('CP_ERR_TOKEN_NOT_FOUND', { id: idOrName })
      for (const row of rows) revoke.run(now.toISOString(), row.id)
      return { ...toRecord(rows[0]!), revokedAt: now.toISOString() }
    },
    verify(token, now = new Date()) {
      if (!token.startsWith(TOKEN_PREFIX)) return null
      const hash = hashToken(token)
      const row = byHash.get(hash) as Row | undefined
      // The lookup is by hash; compare again in constant time so timing says nothing about near misses.
      if (!row || !timingSafeEqual(Buffer.from(row.hash, 'hex'), Buffer.from(hash, 'hex')) || row.revoked_at !== null) return null
      touch.run(now.toISOString(), row.id)
      return toRecord(row)
    },
    close() {
      db.close()
    },
  }
}
