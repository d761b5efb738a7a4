/**
 * @module loaders/azure/args
 * The Azure loaders driven by option values (`crownpath ingest azure …`,
 * manifests): option names, path resolution, credential choice. The LOADERS
 * rows in src/ingest call these so each row stays one line.
 */
import { resolve } from 'node:path'
import type { InventoryPart, ProgressReporter } from '../../src/model/index.js'
import { CrownpathError, SILENT_PROGRESS } from '../../src/model/index.js'
import type { AzureLiveAuth, AzureLiveOptions } from './live.js'
import { readAzCliDirectory, readAzureHoundFiles } from './read.js'
import { transformAzCli } from './transform/az-cli.js'
import { transformAzureHound } from './transform/azurehound.js'

/** What the arg-driven loaders may use besides their arguments. */
export interface AzureArgsContext {
  readonly cwd: string
  readonly progress?: ProgressReporter
  /** Environment (for the client secret variable and AZURE_* defaults); default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>
}

type Args = Readonly<Record<string, unknown>>

function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string')
  return typeof value === 'string' ? [value] : []
}

function optionalString(args: Args, key: string): string | undefined {
  const v = args[key]
  return typeof v === 'string' && v !== '' ? v : undefined
}

/** `--azurehound <file...>`: AzureHound output files. */
export async function loadAzureHoundFromArgs(args: Args, ctx: AzureArgsContext): Promise<InventoryPart> {
  const files = stringList(args['azurehound']).map((f) => resolve(ctx.cwd, f))
  if (files.length === 0) throw new CrownpathError('CP_ERR_USAGE', { reason: '`--azurehound` needs at least one file' })
  ctx.progress?.step('reading AzureHound files', { files: files.length })
  return transformAzureHound(await readAzureHoundFiles(files))
}

/** `--az-cli <dir>` (+ `--tenant`): an `az` CLI export directory. */
export async function loadAzCliFromArgs(args: Args, ctx: AzureArgsContext): Promise<InventoryPart> {
  const dir = optionalString(args, 'azCli')
  if (!dir) throw new CrownpathError('CP_ERR_USAGE', { reason: '`--az-cli` needs a directory' })
  ctx.progress?.step('reading az CLI exports', { dir })
  const tenantId = optionalString(args, 'tenant')
  return transformAzCli(await readAzCliDirectory(resolve(ctx.cwd, dir)), tenantId ? { tenantId } : {})
}

/**
 * `--live`: collect from Graph and ARM. Credential: `--client-id` with
 * `--client-secret-env VAR` → client secret (read from that variable, never
 * from the command line); `--workload-identity` → federated token file
 * (AZURE_FEDERATED_TOKEN_FILE); otherwise DefaultAzureCredential.
 */
export async function collectAzureLiveFromArgs(args: Args, ctx: AzureArgsContext): Promise<InventoryPart> {
  const env = ctx.env ?? process.env
  const tenantId = optionalString(args, 'tenant') ?? env['AZURE_TENANT_ID']
  if (!tenantId) throw new CrownpathError('CP_ERR_USAGE', { reason: '`--live` needs `--tenant <id>` (or AZURE_TENANT_ID)' })
  const clientId = optionalString(args, 'clientId') ?? env['AZURE_CLIENT_ID']
  const secretVar = optionalString(args, 'clientSecretEnv')
  let auth: AzureLiveAuth
  if (secretVar) {
    const clientSecret = env[secretVar]
    if (!clientSecret) throw new CrownpathError('CP_ERR_USAGE', { reason: `environment variable \`${secretVar}\` (from \`--client-secret-env\`) is not set` })
    if (!clientId) throw new CrownpathError('CP_ERR_USAGE', { reason: '`--client-secret-env` needs `--client-id` (or AZURE_CLIENT_ID)' })
    auth = { kind: 'client-secret', clientId, clientSecret }
  } else if (args['workloadIdentity'] === true) {
    auth = { kind: 'workload-identity', ...(clientId ? { clientId } : {}) }
  } else {
    auth = { kind: 'default' }
  }
  const progress = ctx.progress ?? SILENT_PROGRESS
  const graphBaseUrl = optionalString(args, 'graphUrl')
  const armBaseUrl = optionalString(args, 'armUrl')
  const authorityHost = optionalString(args, 'authorityHost')
  const options: AzureLiveOptions = {
    tenantId,
    auth,
    ...(graphBaseUrl ? { graphBaseUrl } : {}),
    ...(armBaseUrl ? { armBaseUrl } : {}),
    ...(authorityHost ? { authorityHost, disableInstanceDiscovery: true } : {}),
    onProgress: (p) => progress.step(`azure ${p.api}`, { items: p.items, status: p.status }),
  }
  // Loaded on demand: @azure/identity is only needed for live collection.
  return (await import('./live.js')).collectAzureLive(options)
}
