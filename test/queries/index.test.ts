/**
 * @module test/queries/index.test
 * The query table and the `.cypher` files match both ways, every query has
 * a comment saying what it does, and no query text splices values in.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { QUERIES, loadQuery, loadStatements, savedQueriesDir } from '../../queries/index.js'
import type { QueryName } from '../../queries/index.js'

const dir = join(import.meta.dirname, '..', '..', 'queries')

describe('queries', () => {
  it('lists exactly the .cypher files beside it', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.cypher')).map((f) => f.replace(/\.cypher$/, '')).sort()
    expect(Object.keys(QUERIES).sort()).toEqual(files)
  })

  it('opens every query with a comment and loads it by name (cached)', () => {
    for (const name of Object.keys(QUERIES) as QueryName[]) {
      const text = loadQuery(name)
      expect(text.startsWith('//'), name).toBe(true)
      expect(loadQuery(name)).toBe(text)
    }
  })

  it('splits schema.cypher into idempotent statements', () => {
    const statements = loadStatements('schema')
    expect(statements.length).toBeGreaterThanOrEqual(5)
    for (const s of statements) expect(s).toMatch(/IF NOT EXISTS/)
  })

  it('saved analyst queries each say what they find and take the snapshot as a parameter', () => {
    const saved = readdirSync(savedQueriesDir()).filter((f) => f.endsWith('.cypher'))
    expect(saved.length).toBeGreaterThanOrEqual(6)
    for (const file of saved) {
      const text = readFileSync(join(savedQueriesDir(), file), 'utf8')
      expect(text.startsWith('// Finds:'), file).toBe(true)
      expect(text, file).toContain('$snapshot')
    }
  })
})
