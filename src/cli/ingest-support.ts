/**
 * @module cli/ingest-support
 * What every `crownpath ingest ...` subcommand shares: the `--classification`
 * and `--label` options, and turning an ingest result into command output.
 * Subcommands written by the loader modules (ingest-aws.ts, ...) use these too.
 */
import { resolve } from 'node:path'
import type { Command } from 'commander'
import type { IngestResult, LoaderInvocation, LoaderRow } from '../ingest/index.js'
import { loadClassificationConfig, runIngest } from '../ingest/index.js'
import type { ClassificationConfig } from '../model/index.js'
import type { CliContext, CommandOutput } from './command.js'
import { formatKeyValues } from './table.js'

/** How many data issues the text output shows (JSON has them all). */
const SHOWN_ISSUES = 20

/** Add the options every ingest subcommand takes. */
export function addIngestOptions(cmd: Command): void {
  cmd
    .option('--classification <file>', 'classification config: JSON {"tagKeys": [...], "rules": [{"match": "<glob>", "classification": "restricted"}]}')
    .option('--label <text>', 'a label stored with the snapshot')
}

/** The classification config named by `--classification`, if any. */
export async function readClassificationOption(opts: Readonly<Record<string, unknown>>, ctx: CliContext): Promise<ClassificationConfig | undefined> {
  const file = opts['classification']
  return typeof file === 'string' ? loadClassificationConfig(resolve(ctx.cwd, file)) : undefined
}

/** The snapshot label from `--label`, or null. */
export function readLabelOption(opts: Readonly<Record<string, unknown>>): string | null {
  const label = opts['label']
  return typeof label === 'string' ? label : null
}

/** Run the pipeline with `loaders` (from `loaderTable`, default LOADERS) into the CLI's store and describe the result. */
export async function ingestWithLoaders(
  loaders: readonly LoaderInvocation[],
  opts: Readonly<Record<string, unknown>>,
  ctx: CliContext,
  loaderTable?: readonly LoaderRow[],
): Promise<CommandOutput> {
  const classification = await readClassificationOption(opts, ctx)
  const store = await ctx.openStore()
  const result = await runIngest({
    store,
    loaders,
    ...(loaderTable ? { loaderTable } : {}),
    ...(classification ? { classification } : {}),
    label: readLabelOption(opts),
    now: ctx.now(),
    progress: ctx.progress,
    cwd: ctx.cwd,
  })
  return describeIngest(result)
}

/** The output of an ingest command: the snapshot written and its data issues. */
export function describeIngest(result: IngestResult, extra: Readonly<Record<string, unknown>> = {}): CommandOutput {
  const { snapshot, issues } = result
  const lines = [
    formatKeyValues([
      ['snapshot', snapshot.id],
      ['label', snapshot.label],
      ['nodes', snapshot.nodeCount],
      ['edges', snapshot.edgeCount],
      ['issues', snapshot.issueCount],
    ]),
    ...issues.slice(0, SHOWN_ISSUES).map((i) => `  ${i.severity} ${i.where}: ${i.message}`),
    ...(issues.length > SHOWN_ISSUES ? [`  … ${issues.length - SHOWN_ISSUES} more (crownpath snapshots show ${snapshot.id})`] : []),
  ]
  return { json: { snapshot, issues, ...extra }, table: lines.join('\n') }
}
