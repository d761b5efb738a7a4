/**
 * @module test/conformance/memory-store.test
 * Runs the GraphStore conformance suite on the memory (SQLite) store; the same
 * suite runs on Neo4j in neo4j.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { openMemoryStore } from '../../src/graph/index.js'
import { graphStoreSuite } from './graph-store.suite.js'

const root = mkdtempSync(join(tmpdir(), 'crownpath-store-suite-'))
let dbPath = join(root, 'initial.db')
let generation = 0

afterAll(() => {
  rmSync(root, { recursive: true, force: true })
})

graphStoreSuite({
  name: 'memory',
  reset: async () => {
    generation += 1
    dbPath = join(root, `store-${generation}.db`)
  },
  open: async (options) => {
    let chunks = 0
    return openMemoryStore({
      path: dbPath,
      ...(options?.batchRows !== undefined ? { chunkRows: options.batchRows } : {}),
      ...(options?.failAfterBatches !== undefined
        ? {
            onChunkWritten: () => {
              chunks += 1
              if (chunks === options.failAfterBatches) throw new Error('disk on fire')
            },
          }
        : {}),
    })
  },
})
