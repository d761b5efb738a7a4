import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openMemoryStore } from '../../src/graph/index.js'
import type { MemoryGraphStore } from '../../src/graph/index.js'
import type { LoaderRow } from '../../src/ingest/index.js'
import { demoManifestPath, ingestManifest, runIngest } from '../../src/ingest/index.js'
import type { ErrorCode, InventoryPart, LeakFinding } from '../../src/model/index.js'
import { isCrownpathError } from '../../src/model/index.js'
import type { ActionCatalog } from '../../src/aws/policy/index.js'
import { loadActionCatalog } from '../../src/aws/policy/index.js'
import { buildAwsInventory } from '../helpers/aws-builders.js'

let dir: string
let store: MemoryGraphStore
const NOW = new Date('2026-11-27T12:00:00.000Z')

/**
 * Leak findings make neutral test records: every deriver tolerates them (an
 * unknown key is only a warning), so these tests do not depend on the AWS
 * or Azure derivers.
 */
function leak(name: string): LeakFinding {
  return { credentialId: name, provider: 'aws', locations: [] }
}

/** A loader returning one record per argument. */
const fakeLoader: LoaderRow = {
  name: 'fake-leaks',
  provider: 'fake',
  summary: 'one leak finding per key id',
  options: [{ flags: '--keys <id...>', description: 'access key ids' }],
  load: async (args) => ({
    sources: [{ loader: 'fake-leaks', location: 'memory', sha256: null, collectedAt: null }],
    leaks: (args['keys'] as string[]).map(leak),
    issues: [{ severity: 'warning', where: 'fake', message: 'a loader issue' }],
  }),
}
const failingLoader: LoaderRow = {
  name: 'broken',
  provider: 'fake',
  summary: 'always fails',
  load: async () => {
    throw new Error('file vanished')
  },
}
const TABLE = [fakeLoader, failingLoader]

async function codeOf(promise: Promise<unknown>): Promise<ErrorCode | string> {
  return promise.then(
    () => 'resolved',
    (e: unknown) => (isCrownpathError(e) ? e.code : String(e)),
  )
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crownpath-ingest-'))
  store = openMemoryStore({ path: join(dir, 'c.db') })
})
afterEach(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('runIngest', () => {
  it('uses the action catalogue its caller holds (a server reads it once, not per upload), and only when there is AWS data', async () => {
    const s3Only = await loadActionCatalog({ services: ['s3'] })
    let asked = 0
    const awsCatalog = async (): Promise<ActionCatalog> => {
      asked++
      return s3Only
    }
    const aws = buildAwsInventory({
      users: [{ name: 'alice', inline: { read: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::logs/*' }] } }],
      resources: [{ arn: 'arn:aws:s3:::logs', type: 's3:bucket' }],
    })
    const result = await runIngest({ store, parts: [{ aws }], now: NOW, awsCatalog })
    expect(asked).toBe(1)
    const { edges } = await store.readSnapshot(result.snapshot.id)
    expect(edges.find((e) => e.kind === 'CanAccess' && e.to === 'arn:aws:s3:::logs')).toMatchObject({ from: 'arn:aws:iam::111111111111:user/alice', accessLevels: ['Read'] })

    await runIngest({ store, parts: [{ leaks: [leak('k')] }], now: NOW, awsCatalog })
    expect(asked).toBe(1)
  })

  it('merges parts and loader outputs (de-duplicated) into one snapshot with their issues', async () => {
    const part: InventoryPart = { leaks: [leak('a')] }
    const result = await runIngest({
      store,
      parts: [part],
      loaders: [{ loader: 'fake-leaks', args: { keys: ['a', 'b'] } }],
      loaderTable: TABLE,
      label: 'test',
      now: NOW,
    })
    expect(result.snapshot).toMatchObject({ label: 'test', createdAt: NOW.toISOString() })
    expect(result.issues[0]).toEqual({ severity: 'warning', where: 'fake', message: 'a loader issue' })
    const inventory = await store.readInventory(result.snapshot.id)
    expect(inventory.leaks.map((r) => r.credentialId)).toEqual(['a', 'b'])
    expect(inventory.sources.map((s) => s.loader)).toEqual(['fake-leaks'])
    expect((await store.readSnapshot('latest')).issues).toEqual(result.issues)
  })

  it('writes nothing when a loader fails, and keeps the previous snapshot', async () => {
    const first = await runIngest({ store, parts: [{ leaks: [leak('kept')] }], now: NOW })
    const code = await codeOf(
      runIngest({ store, loaders: [{ loader: 'fake-leaks', args: { keys: ['x'] } }, { loader: 'broken', args: {} }], loaderTable: TABLE }),
    )
    expect(code).toBe('CP_ERR_INTERNAL')
    expect((await store.listSnapshots()).map((s) => s.id)).toEqual([first.snapshot.id])
    expect((await store.readInventory('latest')).leaks.map((r) => r.credentialId)).toEqual(['kept'])
  })

  it('refuses an unknown loader before running any', async () => {
    let calls = 0
    const counting: LoaderRow = { ...fakeLoader, load: async (args, ctx) => ((calls += 1), fakeLoader.load(args, ctx)) }
    const code = await codeOf(runIngest({ store, loaders: [{ loader: 'fake-leaks', args: { keys: ['a'] } }, { loader: 'nope', args: {} }], loaderTable: [counting] }))
    expect(code).toBe('CP_ERR_USAGE')
    expect(calls).toBe(0)
    expect(await store.listSnapshots()).toEqual([])
  })

  it('refuses an inventory carrying a secret and writes nothing', async () => {
    const leaky = { aws: { users: [{ arn: 'arn:aws:iam::111111111111:user/u', accessKeys: [{ id: 'AKIA1', SecretAccessKey: 'abc' }] }] } } as unknown as InventoryPart
    expect(await codeOf(runIngest({ store, parts: [leaky] }))).toBe('CP_ERR_MODEL_SECRET_FIELD')
    expect(await store.listSnapshots()).toEqual([])
  })
})

describe('ingestManifest', () => {
  it('runs the named loaders with files relative to the manifest, and records unavailable loaders as issues', async () => {
    const manifest = join(dir, 'manifest.json')
    writeFileSync(
      manifest,
      JSON.stringify({
        label: 'from-manifest',
        loaders: [
          { loader: 'fake-leaks', files: { keys: ['r1', 'r2'] } },
          { loader: 'not-written-yet', files: { authDetails: 'aws/prod.json' } },
        ],
      }),
    )
    const result = await ingestManifest(manifest, { store, loaderTable: TABLE, now: NOW })
    expect(result.skipped).toEqual(['not-written-yet'])
    expect(result.snapshot.label).toBe('from-manifest')
    const keys = (await store.readInventory('latest')).leaks.map((r) => r.credentialId)
    // Paths are resolved against the manifest's folder.
    expect(keys).toEqual([join(dir, 'r1'), join(dir, 'r2')])
    expect(result.issues.map((i) => i.message).slice(0, 2)).toEqual([
      'loader `not-written-yet` is not available yet: its files were not ingested',
      'a loader issue',
    ])
  })

  it('names the file and the path of a malformed manifest', async () => {
    const manifest = join(dir, 'bad.json')
    writeFileSync(manifest, JSON.stringify({ loaders: [{ loader: 'fake-leaks', files: { roles: 3 } }] }))
    const error = await ingestManifest(manifest, { store, loaderTable: TABLE }).catch((e: unknown) => e)
    expect(isCrownpathError(error, 'CP_ERR_INPUT_SHAPE')).toBe(true)
    expect(String((error as Error).message)).toContain(manifest)
    expect(String((error as Error).message)).toContain('$.loaders[0].files.roles')
  })
})

describe('demoManifestPath', () => {
  it('points at examples/demo/manifest.json at the package root', () => {
    expect(demoManifestPath()).toBe(fileURLToPath(new URL('../../examples/demo/manifest.json', import.meta.url)))
  })
})
