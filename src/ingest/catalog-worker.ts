/**
 * @module ingest/catalog-worker
 * Worker-thread entry: read the AWS action catalogue and hand it back as one
 * JSON text (a string crosses threads as a copy of its bytes; an object graph
 * of 20k actions would be cloned field by field).
 */
import { parentPort } from 'node:worker_threads'
import { loadActionCatalogData } from '../aws/policy/index.js'

try {
  parentPort?.postMessage({ json: JSON.stringify(await loadActionCatalogData()), error: null })
} catch (error) {
  parentPort?.postMessage({ json: null, error: error instanceof Error ? error.message : String(error) })
}
