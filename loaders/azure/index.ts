/**
 * @module loaders/azure
 * Azure / Entra ID inputs → InventoryPart: AzureHound output files, `az` CLI
 * export directories, and live collection from Microsoft Graph and ARM.
 * Imports only src/model. README.md beside this file lists accepted inputs.
 */
import type { InventoryPart } from '../../src/model/index.js'
import type { AzureLiveOptions } from './live.js'
import { readAzCliDirectory, readAzureHoundFiles } from './read.js'
import { transformAzCli } from './transform/az-cli.js'
import { transformAzureHound } from './transform/azurehound.js'

export { AZ_CLI_DIRS, AZ_CLI_FILES, readAzCliDirectory, readAzureHoundFiles } from './read.js'
export { AZUREHOUND_KINDS, transformAzureHound } from './transform/azurehound.js'
export type { AzureHoundDocument } from './transform/azurehound.js'
export { transformAzCli } from './transform/az-cli.js'
export type { AzCliExport, AzCliFile } from './transform/az-cli.js'
export type { AzureLiveAuth, AzureLiveOptions, AzureLiveProgress } from './live.js'

/**
 * Load AzureHound output files (one dump, possibly split across files and
 * versions) into an InventoryPart.
 */
export async function loadAzureHound(files: readonly string[]): Promise<InventoryPart> {
  return transformAzureHound(await readAzureHoundFiles(files))
}

/**
 * Load an `az` CLI export directory into an InventoryPart. `tenantId` is
 * needed only when the directory holds neither `tenant.json` nor `subscriptions.json`.
 */
export async function loadAzCli(dir: string, options: { tenantId?: string } = {}): Promise<InventoryPart> {
  return transformAzCli(await readAzCliDirectory(dir), options)
}
export { collectAzureLiveFromArgs, loadAzCliFromArgs, loadAzureHoundFromArgs } from './args.js'
export type { AzureArgsContext } from './args.js'

/**
 * Collect live from Microsoft Graph and ARM (see live.ts). Loaded on demand so
 * that importing the file loaders does not load @azure/identity.
 */
export async function collectAzureLive(options: AzureLiveOptions): Promise<InventoryPart> {
  return (await import('./live.js')).collectAzureLive(options)
}
