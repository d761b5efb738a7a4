import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { loadActionCatalogData } from '../../src/aws/policy/index.js'
import type { PendingCatalog } from '../../src/ingest/background-catalog.js'

// The worker runs the built module (`npm test` builds first); from the sources the catalogue is read in-thread.
const built = join(import.meta.dirname, '../../dist/src/ingest')

describe('the action catalogue read in a worker thread', () => {
  it('hands back the same data as reading it here', async () => {
    const workerFile = join(built, 'catalog-worker.js')
    expect(existsSync(workerFile), `${workerFile} is missing: run \`npm run build\` first`).toBe(true)
    const worker = new Worker(workerFile)
    const reply = await new Promise<{ json: string | null; error: string | null }>((resolve, reject) => {
      worker.once('message', resolve)
      worker.once('error', reject)
    })
    await worker.terminate()
    expect(reply.error).toBeNull()
    const here = await loadActionCatalogData()
    expect(here.actions.length).toBeGreaterThan(10_000)
    expect(JSON.parse(reply.json!)).toEqual(JSON.parse(JSON.stringify(here)))
  }, 60_000)

  it('builds a working catalogue from the worker, and from this thread when the worker is gone', async () => {
    const { startCatalogLoad } = (await import(pathToFileURL(join(built, 'background-catalog.js')).href)) as { startCatalogLoad: () => PendingCatalog }
    const catalog = await startCatalogLoad().catalog()
    expect(catalog.accessLevel('s3:GetObject')).toBe('Read')
    expect(catalog.expand('iam:PassRol*')).toEqual(['iam:PassRole'])
    // Stopped before it answered: asking anyway reads the catalogue here instead of waiting forever.
    const cancelled = startCatalogLoad()
    await cancelled.cancel()
    expect((await cancelled.catalog()).accessLevel('iam:PassRole')).toBe('Write')
  }, 60_000)
})
