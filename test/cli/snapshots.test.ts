import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openMemoryStore } from '../../src/graph/index.js'
import type { SnapshotMeta } from '../../src/graph/index.js'
import { EXIT } from '../../src/model/index.js'
import { sampleSnapshot } from '../graph/memory/sample.js'
import { cli } from './run.js'

let dir: string
let db: string
let older: SnapshotMeta
let newer: SnapshotMeta

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crownpath-cli-'))
  db = join(dir, 'c.db')
  const store = openMemoryStore({ path: db })
  older = await store.writeSnapshot(sampleSnapshot(3, 'older', new Date('2026-11-01T00:00:00.000Z')))
  newer = await store.writeSnapshot(sampleSnapshot(5, 'newer', new Date('2026-11-02T00:00:00.000Z')))
  await store.close()
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('crownpath snapshots', () => {
  it('lists snapshots newest first as JSON', async () => {
    const run = await cli(['--db', db, '--format', 'json', 'snapshots', 'list'])
    expect(run.code).toBe(0)
    const doc = JSON.parse(run.stdout) as { snapshots: SnapshotMeta[] }
    expect(doc.snapshots.map((s) => s.id)).toEqual([newer.id, older.id])
    expect(doc.snapshots[0]).toMatchObject({ label: 'newer', nodeCount: 6, edgeCount: 4 })
  })

  it('lists snapshots as a table', async () => {
    const run = await cli(['--db', db, 'snapshots', 'list'])
    expect(run.code).toBe(0)
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^ID\s+CREATED\s+LABEL\s+NODES\s+EDGES\s+ISSUES$/)
    expect(lines[1]).toContain(newer.id)
    expect(lines[2]).toContain(older.id)
  })

  it('shows a snapshot by unique prefix, with its issues', async () => {
    const run = await cli(['--db', db, '--format', 'json', 'snapshots', 'show', 'snap-20261101'])
    expect(run.code).toBe(0)
    const doc = JSON.parse(run.stdout) as { snapshot: SnapshotMeta; issues: unknown[] }
    expect(doc.snapshot.id).toBe(older.id)
    expect(doc.issues).toEqual([{ severity: 'warning', where: 'sample', message: 'a sample issue' }])
    const text = await cli(['--db', db, 'snapshots', 'show', 'latest'])
    expect(text.stdout).toContain(`id:      ${newer.id}`)
    expect(text.stdout).toContain('AWSRole 5')
  })

  it('refuses an ambiguous or unknown reference', async () => {
    const ambiguous = await cli(['--db', db, 'snapshots', 'show', 'snap-202611'])
    expect(ambiguous.code).toBe(EXIT.usage)
    expect(ambiguous.stderr).toBe('error CP_ERR_SNAPSHOT_AMBIGUOUS: snapshot reference `snap-202611` matches 2 snapshots\n')
    const unknown = await cli(['--db', db, 'snapshots', 'delete', 'snap-1999'])
    expect(unknown.code).toBe(EXIT.notFound)
    expect(unknown.stderr).toMatch(/^error CP_ERR_SNAPSHOT_NOT_FOUND: /)
  })

  it('deletes a snapshot', async () => {
    const run = await cli(['--db', db, '--format', 'json', 'snapshots', 'delete', newer.id])
    expect(run.code).toBe(0)
    expect((JSON.parse(run.stdout) as { deleted: SnapshotMeta }).deleted.id).toBe(newer.id)
    const list = await cli(['--db', db, '--format', 'json', 'snapshots', 'list'])
    expect((JSON.parse(list.stdout) as { snapshots: SnapshotMeta[] }).snapshots.map((s) => s.id)).toEqual([older.id])
  })

  it('diffs two snapshots', async () => {
    const run = await cli(['--db', db, '--format', 'json', 'snapshots', 'diff', older.id])
    expect(run.code).toBe(0)
    const doc = JSON.parse(run.stdout) as { from: string; to: string; addedNodes: string[]; removedNodes: string[]; addedEdges: string[] }
    expect(doc.from).toBe(older.id)
    expect(doc.to).toBe(newer.id)
    expect(doc.addedNodes).toEqual(['arn:aws:iam::111111111111:role/role-3', 'arn:aws:iam::111111111111:role/role-4'])
    expect(doc.removedNodes).toEqual([])
    expect(doc.addedEdges).toHaveLength(2)
  })
})
