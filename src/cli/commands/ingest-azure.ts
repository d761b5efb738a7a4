/**
 * @module cli/commands/ingest-azure
 * `crownpath ingest azure --azurehound <file...> | --az-cli <dir> | --live …`:
 * the Azure loaders (LOADERS rows `azurehound`, `az-cli`, `azure-live`) into
 * one snapshot. Replaces the generated `ingest azure` subcommand because the
 * live options (`--tenant`, `--client-id`, …) must not trigger a loader by themselves.
 */
import type { LoaderInvocation } from '../../ingest/index.js'
import { CrownpathError } from '../../model/index.js'
import type { CliCommand } from '../command.js'
import { ingestWithLoaders } from '../ingest-support.js'

/** `crownpath ingest azure ...` */
export const ingestAzureCommand: CliCommand = {
  name: 'azure',
  summary: 'ingest Azure / Entra ID data: AzureHound files, az CLI exports, or live Graph + ARM collection',
  configure: (cmd) => {
    cmd
      .option('--azurehound <file...>', 'AzureHound JSON files of one tenant dump (envelope, NDJSON or per-type files; any version)')
      .option('--az-cli <dir>', 'directory of az CLI exports (role-assignments.json, role-definitions.json, service-principals.json, apps.json, group-members/<groupId>.json, ...)')
      .option('--live', 'collect live from Microsoft Graph and Azure Resource Manager')
      .option('--tenant <id>', 'tenant id (live; also names the tenant of an az CLI export without tenant.json); default AZURE_TENANT_ID')
      .option('--client-id <id>', 'app (client) id for live collection; default AZURE_CLIENT_ID')
      .option('--client-secret-env <var>', 'name of the environment variable holding the client secret (never pass the secret itself)')
      .option('--workload-identity', 'authenticate with a federated token file (AZURE_FEDERATED_TOKEN_FILE)')
      .option('--graph-url <url>', 'Microsoft Graph base URL (default https://graph.microsoft.com)')
      .option('--arm-url <url>', 'Azure Resource Manager base URL (default https://management.azure.com)')
      .option('--authority-host <url>', 'Entra authority host (default https://login.microsoftonline.com)')
  },
  run: async ({ opts, ctx }) => {
    const loaders: LoaderInvocation[] = []
    if (opts['azurehound'] !== undefined) loaders.push({ loader: 'azurehound', args: opts, cwd: ctx.cwd })
    if (opts['azCli'] !== undefined) loaders.push({ loader: 'az-cli', args: opts, cwd: ctx.cwd })
    if (opts['live'] === true) loaders.push({ loader: 'azure-live', args: opts, cwd: ctx.cwd })
    if (loaders.length === 0) {
      throw new CrownpathError('CP_ERR_USAGE', { reason: 'nothing to ingest: give at least one of --azurehound, --az-cli, --live' })
    }
    return ingestWithLoaders(loaders, opts, ctx)
  },
}
