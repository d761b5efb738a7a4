/**
 * @module ingest/loaders
 * The table of loaders: each row turns files (or a live API) into an
 * InventoryPart. The CLI (`crownpath ingest <provider>`), the demo manifest
 * and the API's upload route all pick loaders from this one table.
 */
import type { InventoryPart, ProgressReporter } from '../model/index.js'
import { collectAzureLiveFromArgs, loadAzCliFromArgs, loadAzureHoundFromArgs } from '../../loaders/azure/index.js'
import { collectAwsLiveFromArgs, loadAwsFromArgs } from '../../loaders/aws/index.js'
import { loadLeaksFromArgs } from '../../loaders/leaks/index.js'

/** One command-line option a loader accepts, in commander syntax. */
export interface LoaderOption {
  /** e.g. `--auth-details <file...>`; the value reaches `load` under the camelCased long name (`authDetails`). */
  readonly flags: string
  readonly description: string
}

/**
 * A loader's arguments: option values keyed by the camelCased long option
 * name (`authDetails`), exactly as commander produces them; in a manifest,
 * the `files` object uses the same keys. Relative paths resolve against `cwd`.
 */
export type LoaderArgs = Readonly<Record<string, unknown>>

/** What a loader may use besides its arguments. */
export interface LoaderContext {
  /** Directory relative file arguments resolve against (the shell's cwd, or the manifest's folder). */
  readonly cwd: string
  readonly now: Date
  readonly progress: ProgressReporter
}

/** One row of {@link LOADERS}. */
export interface LoaderRow {
  /** Unique loader name, e.g. `aws-auth-details`; manifests refer to it. */
  readonly name: string
  /** The `crownpath ingest <provider>` subcommand the row belongs to (`aws`, `azure`, `leaks`). */
  readonly provider: string
  readonly summary: string
  /**
   * Options contributed to `crownpath ingest <provider>`. The loader runs when
   * at least one of them is given. Rows without options are reachable from
   * manifests and from explicit subcommands only.
   */
  readonly options?: readonly LoaderOption[]
  /** Read and transform; throws a CrownpathError naming the file on bad input (data problems become issues). */
  readonly load: (args: LoaderArgs, ctx: LoaderContext) => Promise<InventoryPart>
}

/**
 * Every loader. Rows are added by the AWS, Azure and leaks loader modules
 * (one import + one row each); nothing registers itself on import.
 */
export const LOADERS: readonly LoaderRow[] = [
  // AWS: every offline row loads all AWS files given together (group names, instance
  // profiles, credential rows and org accounts link across files); the row names the
  // key it is about. `crownpath ingest aws` (cli/commands/ingest-aws.ts) runs one of them.
  {
    name: 'aws-auth-details',
    provider: 'aws',
    summary: '`aws iam get-account-authorization-details` output (raw API or CLI shape; pages; several accounts) with any other AWS files',
    options: [
      { flags: '--auth-details <file...>', description: 'get-account-authorization-details outputs (raw API or CLI shape; paginated pages; several accounts)' },
      { flags: '--resources <file...>', description: 'resources: crownpath resources JSON, get-bucket-policy / get-key-policy maps, lambda list-functions, ec2 describe-instances' },
      { flags: '--org <file>', description: 'Organizations: crownpath org JSON (accounts, OUs, SCPs and RCPs with targets)' },
      { flags: '--credential-report <file...>', description: 'IAM credential report CSV' },
      { flags: '--access-keys <file...>', description: 'iam list-access-keys outputs (+ AccessKeyLastUsed)' },
    ],
    load: (args, ctx) => loadAwsFromArgs(args, ctx, 'any'),
  },
  { name: 'aws-resources', provider: 'aws', summary: 'AWS resources and resource policies (manifest key `resources`)', load: (args, ctx) => loadAwsFromArgs(args, ctx, 'resources') },
  { name: 'aws-org', provider: 'aws', summary: 'AWS Organizations structure, SCPs and RCPs (manifest key `org`)', load: (args, ctx) => loadAwsFromArgs(args, ctx, 'org') },
  { name: 'aws-credential-report', provider: 'aws', summary: 'IAM credential report CSV (manifest keys `credentialReport` + `authDetails`)', load: (args, ctx) => loadAwsFromArgs(args, ctx, 'credentialReport') },
  { name: 'aws-access-keys', provider: 'aws', summary: 'iam list-access-keys outputs (manifest keys `accessKeys` + `authDetails`)', load: (args, ctx) => loadAwsFromArgs(args, ctx, 'accessKeys') },
  {
    name: 'aws-live',
    provider: 'aws',
    summary: 'live read-only collection with the AWS SDK (IAM, Organizations, S3, Lambda, EC2, KMS, Secrets Manager)',
    load: (args, ctx) => collectAwsLiveFromArgs(args, ctx),
  },
  {
    name: 'leaks',
    provider: 'leaks',
    summary: 'secret-scanner findings (gitleaks JSON, TruffleHog JSON lines): exposed credential ids, never secrets',
    options: [
      { flags: '--gitleaks <file...>', description: 'gitleaks JSON reports' },
      { flags: '--trufflehog <file...>', description: 'TruffleHog JSON-lines output' },
      { flags: '--repository <url>', description: 'repository the gitleaks reports were produced from (gitleaks does not record it)' },
    ],
    load: (args, ctx) => loadLeaksFromArgs(args, ctx),
  },
  {
    name: 'azurehound',
    provider: 'azure',
    summary: 'AzureHound output (v1–v3 envelope, NDJSON, per-type files)',
    options: [{ flags: '--azurehound <file...>', description: 'AzureHound JSON files of one tenant dump (any order, several versions)' }],
    load: (args, ctx) => loadAzureHoundFromArgs(args, ctx),
  },
  {
    name: 'az-cli',
    provider: 'azure',
    summary: '`az` CLI JSON exports in a directory',
    options: [{ flags: '--az-cli <dir>', description: 'directory of az CLI exports (role-assignments.json, service-principals.json, ...; see loaders/azure/README.md)' }],
    load: (args, ctx) => loadAzCliFromArgs(args, ctx),
  },
  {
    name: 'azure-live',
    provider: 'azure',
    summary: 'live collection from Microsoft Graph and Azure Resource Manager',
    options: [{ flags: '--live', description: 'collect live from Graph and ARM (with --tenant, --client-id, --client-secret-env)' }],
    load: (args, ctx) => collectAzureLiveFromArgs(args, ctx),
  },
]

/** The loader named `name` in `table`, or undefined. */
export function findLoader(name: string, table: readonly LoaderRow[] = LOADERS): LoaderRow | undefined {
  return table.find((row) => row.name === name)
}
