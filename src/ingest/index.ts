/**
 * @module ingest
 * Public surface of the ingest pipeline: the loader table, `runIngest`,
 * manifests (and the bundled demo), the classification config file.
 */
export { LOADERS, findLoader } from './loaders.js'
export type { LoaderArgs, LoaderContext, LoaderOption, LoaderRow } from './loaders.js'
export { collectInventory, runIngest } from './pipeline.js'
export type { IngestRequest, IngestResult, LoaderInvocation } from './pipeline.js'
export { MANIFEST_SCHEMA, demoManifestPath, ingestDemo, ingestManifest, loaderInvocation, readManifest } from './manifest.js'
export type { IngestManifest, ManifestIngestOptions, ManifestIngestResult } from './manifest.js'
export { ACTION_CATALOG_FILE, readActionCatalog, readCatalogCopy, writeCatalogCopy } from './action-catalog.js'
export { CLASSIFICATION_CONFIG_SCHEMA, loadClassificationConfig, parseClassificationConfig } from './classification-config.js'
