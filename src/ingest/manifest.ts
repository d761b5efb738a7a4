/**
 * @module ingest/manifest
 * Ingest manifests: a JSON file naming the loaders to run and their files,
 * relative to the manifest (`{ "loaders": [{ "loader": "<name>", "files": {...} }] }`).
 * The bundled demo organisation (examples/demo/manifest.json) is one.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import Type from 'typebox'
import { readJsonFile } from '../../loaders/shared/index.js'
import type { GraphStore } from '../graph/index.js'
import type { ClassificationConfig, DataIssue, ProgressReporter } from '../model/index.js'
import { CrownpathError, findSchemaProblem } from '../model/index.js'
import { loadClassificationConfig } from './classification-config.js'
import type { LoaderInvocation, IngestResult } from './pipeline.js'
import { runIngest } from './pipeline.js'
import type { LoaderRow } from './loaders.js'
import { LOADERS, findLoader } from './loaders.js'

const FILE_LIST = Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }))])

/** The manifest schema. `files` keys are the loader's option keys (`authDetails`); `options` passes non-file values. */
export const MANIFEST_SCHEMA = Type.Object(
  {
    label: Type.Optional(Type.String()),
    classification: Type.Optional(Type.String({ minLength: 1 })),
    loaders: Type.Array(
      Type.Object(
        {
          loader: Type.String({ minLength: 1 }),
          files: Type.Record(Type.String(), FILE_LIST),
          options: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: true },
)

/** A parsed manifest. */
export interface IngestManifest {
  readonly label?: string
  /** Classification config file, relative to the manifest. */
  readonly classification?: string
  readonly loaders: readonly { loader: string; files: Record<string, string | string[]>; options?: Record<string, unknown> }[]
}

/** A manifest entry as a loader invocation, its files resolved against the manifest's folder `base`. */
export function loaderInvocation(entry: IngestManifest['loaders'][number], base: string): LoaderInvocation {
  const files = Object.fromEntries(Object.entries(entry.files).map(([key, value]) => [key, Array.isArray(value) ? value.map((f) => resolve(base, f)) : resolve(base, value)]))
  return { loader: entry.loader, args: { ...entry.options, ...files }, cwd: base }
}

/** Where the bundled demo organisation's manifest lives: examples/demo/manifest.json at the package root. */
export function demoManifestPath(): string {
  // Walk up from this file (src/ingest or dist/src/ingest) to the crownpath package root.
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const pkg = join(dir, 'package.json')
    if (existsSync(pkg) && /"name"\s*:\s*"crownpath"/.test(readFileSync(pkg, 'utf8'))) break
    const parent = dirname(dir)
    if (parent === dir) {
      dir = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
      break
    }
    dir = parent
  }
  return join(dir, 'examples', 'demo', 'manifest.json')
}

/** Read and validate a manifest file. */
export async function readManifest(file: string): Promise<IngestManifest> {
  const { value: parsed } = await readJsonFile(file)
  const problem = findSchemaProblem(MANIFEST_SCHEMA, parsed)
  if (problem) throw new CrownpathError('CP_ERR_INPUT_SHAPE', { file, path: problem.path, expected: problem.expected })
  return parsed as IngestManifest
}

/** Options of {@link ingestManifest}. */
export interface ManifestIngestOptions {
  readonly store: GraphStore
  readonly label?: string | null
  /** Overrides the manifest's own classification file. */
  readonly classification?: ClassificationConfig
  readonly now?: Date
  readonly progress?: ProgressReporter
  readonly loaderTable?: readonly LoaderRow[]
}

/** What a manifest ingest produced, plus the loaders it had to skip. */
export interface ManifestIngestResult extends IngestResult {
  readonly skipped: readonly string[]
}

/**
 * Ingest everything a manifest names, as one snapshot.
 *
 * TEMPORARY (until the AWS, Azure and leaks loaders land in LOADERS): a
 * loader the table does not have yet is skipped with a data issue instead of
 * failing, so the demo can be served while loaders are being written. Once
 * every demo loader exists this should become an error like any unknown loader.
 */
export async function ingestManifest(file: string, options: ManifestIngestOptions): Promise<ManifestIngestResult> {
  const manifest = await readManifest(file)
  const base = dirname(file)
  const table = options.loaderTable ?? LOADERS
  const skippedIssues: DataIssue[] = []
  const skipped: string[] = []
  const loaders: LoaderInvocation[] = []
  for (const [i, entry] of manifest.loaders.entries()) {
    if (!findLoader(entry.loader, table)) {
      skipped.push(entry.loader)
      skippedIssues.push({ severity: 'warning', where: `${file} $.loaders[${i}]`, message: `loader \`${entry.loader}\` is not available yet: its files were not ingested` })
      continue
    }
    loaders.push(loaderInvocation(entry, base))
  }
  const classification =
    options.classification ?? (manifest.classification ? await loadClassificationConfig(resolve(base, manifest.classification)) : undefined)
  const result = await runIngest({
    store: options.store,
    parts: [{ issues: skippedIssues }],
    loaders,
    loaderTable: table,
    ...(classification ? { classification } : {}),
    label: options.label ?? manifest.label ?? null,
    ...(options.now ? { now: options.now } : {}),
    ...(options.progress ? { progress: options.progress } : {}),
    cwd: base,
  })
  return { ...result, skipped }
}

/** Ingest the bundled demo organisation (examples/demo/manifest.json) into `store`. */
export async function ingestDemo(store: GraphStore, options: Omit<ManifestIngestOptions, 'store'> = {}): Promise<ManifestIngestResult> {
  return ingestManifest(demoManifestPath(), { label: 'demo', ...options, store })
}
