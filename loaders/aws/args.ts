/**
 * @module loaders/aws/args
 * The AWS loaders driven by option values (`crownpath ingest aws …`,
 * manifests): option keys, path resolution, live options. The LOADERS rows in
 * src/ingest call these so each row stays one line.
 */
import { resolve } from 'node:path'
import type { InventoryPart, ProgressReporter } from '../../src/model/index.js'
import { CrownpathError } from '../../src/model/index.js'
import { LIVE_SERVICES, type LiveService } from './live-options.js'
import { loadAwsFiles } from './load.js'

/** What the arg-driven loaders may use besides their arguments. */
export interface AwsArgsContext {
  readonly cwd: string
  readonly now?: Date
  readonly progress?: ProgressReporter
}

type Args = Readonly<Record<string, unknown>>

function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '')
  return typeof value === 'string' && value !== '' ? [value] : []
}

function optionalString(args: Args, key: string): string | undefined {
  const v = args[key]
  return typeof v === 'string' && v !== '' ? v : undefined
}

/** The option keys (commander's camelCased long names; manifest `files` keys) of the offline AWS loaders. */
export const AWS_FILE_KEYS = ['authDetails', 'resources', 'org', 'credentialReport', 'accessKeys'] as const

/** `--max-input-mb <n>`: per-file size limit in MB. */
function maxBytesOf(args: Args): number | undefined {
  const raw = args['maxInputMb']
  if (raw === undefined) return undefined
  const mb = Number(raw)
  if (!Number.isFinite(mb) || mb <= 0) throw new CrownpathError('CP_ERR_USAGE', { reason: `\`--max-input-mb\` must be a positive number, got \`${String(raw)}\`` })
  return Math.floor(mb * 1024 * 1024)
}

/**
 * Every offline AWS input given in `args`, loaded together (instance
 * profiles, group names, credential rows and org accounts link across files).
 * `require` names the key the calling row is about (`any`: at least one); credential data needs
 * `authDetails` to attach to.
 */
export async function loadAwsFromArgs(args: Args, ctx: AwsArgsContext, require: (typeof AWS_FILE_KEYS)[number] | 'any' = 'any'): Promise<InventoryPart> {
  const files = (key: string): string[] => stringList(args[key]).map((f) => resolve(ctx.cwd, f))
  const authDetails = files('authDetails')
  if (require === 'any' ? AWS_FILE_KEYS.every((k) => files(k).length === 0) : files(require).length === 0) {
    const wanted = require === 'any' ? AWS_FILE_KEYS : [require]
    throw new CrownpathError('CP_ERR_USAGE', { reason: `nothing to ingest: give ${wanted.map((k) => `\`--${kebab(k)}\``).join(', ')}` })
  }
  if ((files('credentialReport').length > 0 || files('accessKeys').length > 0) && authDetails.length === 0) {
    throw new CrownpathError('CP_ERR_USAGE', { reason: '`--credential-report` and `--access-keys` attach to users: give `--auth-details` too' })
  }
  const org = files('org')
  if (org.length > 1) throw new CrownpathError('CP_ERR_USAGE', { reason: '`--org` takes one file' })
  ctx.progress?.step('reading AWS files', { files: AWS_FILE_KEYS.reduce((n, k) => n + files(k).length, 0) })
  const maxBytes = maxBytesOf(args)
  return loadAwsFiles({
    authDetails,
    resources: files('resources'),
    org: org[0] ?? null,
    credentialReport: files('credentialReport'),
    accessKeys: files('accessKeys'),
    ...(maxBytes === undefined ? {} : { maxBytes }),
  })
}

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
}

/** `--live` with `--profile`, `--region`, `--role-arn`, `--endpoint-url`, `--services a,b`. */
export async function collectAwsLiveFromArgs(args: Args, ctx: AwsArgsContext): Promise<InventoryPart> {
  const services = optionalString(args, 'services')?.split(',').map((s) => s.trim())
  for (const service of services ?? []) {
    if (!(LIVE_SERVICES as readonly string[]).includes(service)) {
      throw new CrownpathError('CP_ERR_USAGE', { reason: `unknown service \`${service}\` in \`--services\`: expected any of ${LIVE_SERVICES.join(', ')}` })
    }
  }
  const profile = optionalString(args, 'profile')
  const region = optionalString(args, 'region')
  const roleArn = optionalString(args, 'roleArn')
  const endpoint = optionalString(args, 'endpointUrl')
  const now = ctx.now
  // The SDK is loaded only now: importing it costs seconds on every CLI call.
  const { collectAwsLive } = await import('./live.js')
  return collectAwsLive({
    ...(profile ? { profile } : {}),
    ...(region ? { region } : {}),
    ...(roleArn ? { roleArn } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(services ? { services: services as LiveService[] } : {}),
    ...(ctx.progress ? { progress: ctx.progress } : {}),
    ...(now ? { now: () => now } : {}),
  })
}
