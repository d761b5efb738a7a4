/**
 * @module cli/commands/ingest
 * `crownpath ingest <source> [options]`: one subcommand per provider, built
 * from the LOADERS rows of that provider (each row contributes its options),
 * plus `all` (every loader in one snapshot), `manifest <file>` and `demo`.
 * A loader module that wants its own subcommand adds a row to
 * {@link INGEST_SUBCOMMANDS}; it then replaces the generated one.
 */
import { resolve } from 'node:path'
import { Option } from 'commander'
import type { LoaderInvocation, LoaderRow } from '../../ingest/index.js'
import { LOADERS, ingestDemo, ingestManifest } from '../../ingest/index.js'
import { CrownpathError } from '../../model/index.js'
import type { CliCommand, CliContext } from '../command.js'
import { ingestAzureCommand } from './ingest-azure.js'
import { ingestAwsCommand } from './ingest-aws.js'
import { addIngestOptions, describeIngest, ingestWithLoaders, readClassificationOption, readLabelOption } from '../ingest-support.js'

/**
 * Hand-written ingest subcommands (`ingest-aws.ts`, ...). Each replaces the
 * generated subcommand of the same name. `--classification` and `--label` are
 * added to every subcommand here (do not declare them again); use
 * `ingestWithLoaders` from ../ingest-support.js to run the pipeline.
 */
export const INGEST_SUBCOMMANDS: readonly CliCommand[] = [ingestAzureCommand, ingestAwsCommand]

/** The option key commander derives from a flag (`--auth-details <file...>` → `authDetails`). */
function optionKey(flags: string): string {
  return new Option(flags).attributeName()
}

/** A subcommand running every row in `rows` whose options were given, into one snapshot. */
function loaderSubcommand(name: string, summary: string, rows: readonly LoaderRow[]): CliCommand {
  const options = new Map<string, { flags: string; description: string }>()
  for (const row of rows) for (const option of row.options ?? []) if (!options.has(option.flags)) options.set(option.flags, option)
  return {
    name,
    summary,
    configure: (cmd) => {
      for (const option of options.values()) cmd.option(option.flags, option.description)
    },
    run: async ({ opts, ctx }) => {
      const loaders: LoaderInvocation[] = rows
        .filter((row) => (row.options ?? []).some((option) => opts[optionKey(option.flags)] !== undefined))
        .map((row) => ({ loader: row.name, args: opts, cwd: ctx.cwd }))
      if (loaders.length === 0) {
        const flags = [...options.values()].map((o) => o.flags.split(/[ ,]/)[0]).join(', ')
        throw new CrownpathError('CP_ERR_USAGE', { reason: `nothing to ingest: give at least one of ${flags || '(no loader options are available yet)'}` })
      }
      return ingestWithLoaders(loaders, opts, ctx, rows)
    },
  }
}

const manifest: CliCommand = {
  name: 'manifest',
  summary: 'ingest every loader a manifest file names, as one snapshot',
  configure: (cmd) => cmd.argument('<file>', 'manifest: {"loaders": [{"loader": "<name>", "files": {"<option>": "<path>"}}]}'),
  run: async ({ args, opts, ctx }) => runManifest(resolve(ctx.cwd, String(args[0])), opts, ctx),
}

const demo: CliCommand = {
  name: 'demo',
  summary: 'ingest the bundled demo organisation (examples/demo)',
  run: async ({ opts, ctx }) => runManifest(null, opts, ctx),
}

async function runManifest(file: string | null, opts: Readonly<Record<string, unknown>>, ctx: CliContext) {
  const classification = await readClassificationOption(opts, ctx)
  const store = await ctx.openStore()
  const options = {
    store,
    ...(classification ? { classification } : {}),
    ...(readLabelOption(opts) !== null ? { label: readLabelOption(opts) } : {}),
    now: ctx.now(),
    progress: ctx.progress,
  }
  const result = file === null ? await ingestDemo(store, options) : await ingestManifest(file, options)
  return describeIngest(result, { skippedLoaders: result.skipped })
}

/** Group the loader table by provider, in table order. */
function providers(table: readonly LoaderRow[]): Map<string, LoaderRow[]> {
  const groups = new Map<string, LoaderRow[]>()
  for (const row of table) if ((row.options ?? []).length > 0) groups.set(row.provider, [...(groups.get(row.provider) ?? []), row])
  return groups
}

/** Every ingest subcommand: hand-written ones, generated per provider, `all`, `manifest`, `demo`. */
export function ingestSubcommands(table: readonly LoaderRow[] = LOADERS, explicit: readonly CliCommand[] = INGEST_SUBCOMMANDS): CliCommand[] {
  const taken = new Set(explicit.map((c) => c.name.split(' ')[0]))
  const generated = [...providers(table)]
    .filter(([provider]) => !taken.has(provider))
    .map(([provider, rows]) => loaderSubcommand(provider, `ingest ${provider}: ${rows.map((r) => r.summary).join('; ')}`, rows))
  const withOptions = table.filter((row) => (row.options ?? []).length > 0)
  const all = withOptions.length > 0 ? [loaderSubcommand('all', 'ingest any mix of providers into one snapshot (every loader option)', withOptions)] : []
  return [...explicit, ...generated, ...all, manifest, demo].map((sub) => ({
    ...sub,
    configure: (cmd) => {
      sub.configure?.(cmd)
      addIngestOptions(cmd)
    },
  }))
}

/** `crownpath ingest ...` */
export const ingestCommand: CliCommand = {
  name: 'ingest',
  summary: 'load provider data, derive the attack graph and store it as a new snapshot',
  subcommands: ingestSubcommands(),
}
