/**
 * @module ingest/background-catalog
 * Read the AWS action catalogue while the loaders parse the inputs: both are
 * CPU work, so the catalogue goes to a worker thread (about 0.4 s of an M
 * ingest off the main thread). The worker runs the built module; from the
 * TypeScript sources (tests) the catalogue is read on this thread instead.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { ActionCatalog, ActionCatalogData } from '../aws/policy/index.js'
import { buildActionCatalog, loadActionCatalog } from '../aws/policy/index.js'

/** A catalogue being read; ask for it when it is needed. */
export interface PendingCatalog {
  /** The catalogue (read on this thread if the worker failed, which then reports the real error). */
  readonly catalog: () => Promise<ActionCatalog>
  /** Stop the worker when the catalogue turns out not to be needed. */
  readonly cancel: () => Promise<void>
}

interface WorkerReply {
  readonly json: string | null
  readonly error: string | null
}

const WORKER_URL = new URL('./catalog-worker.js', import.meta.url)

/** Start reading the catalogue in a worker thread (or on first request, when no built worker exists). */
export function startCatalogLoad(): PendingCatalog {
  if (!existsSync(fileURLToPath(WORKER_URL))) {
    let loading: Promise<ActionCatalog> | null = null
    return { catalog: () => (loading ??= loadActionCatalog()), cancel: async () => {} }
  }
  const worker = new Worker(WORKER_URL)
  const reply = new Promise<WorkerReply>((resolve) => {
    worker.once('message', (message: WorkerReply) => resolve(message))
    worker.once('error', (error) => resolve({ json: null, error: error.message }))
    worker.once('exit', () => resolve({ json: null, error: 'the catalogue worker stopped' }))
  })
  let built: Promise<ActionCatalog> | null = null
  return {
    catalog: () =>
      (built ??= reply.then(async ({ json }) => {
        await worker.terminate()
        return json === null ? loadActionCatalog() : buildActionCatalog(JSON.parse(json) as ActionCatalogData)
      })),
    cancel: async () => {
      await worker.terminate()
    },
  }
}
