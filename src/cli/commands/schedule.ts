/**
 * @module cli/commands/schedule
 * `crownpath schedule --config <file>`: run the configured reports on their
 * cron schedules (or all of them once with `--once`), re-ingesting first
 * where a job names a manifest. Re-ingest lives here, in the CLI layer, so
 * the reports layer never loads data.
 */
import { dirname, resolve } from 'node:path'
import { ingestManifest, readActionCatalog } from '../../ingest/index.js'
import { CrownpathError, EXIT } from '../../model/index.js'
import type { ScheduleJob } from '../../reports/index.js'
import { ReportRunStore, ScheduleConfigSchema, Scheduler, loadReportInput } from '../../reports/index.js'
import type { CliCommand } from '../command.js'
import { readJsonConfig } from '../config-file.js'
import { openEngineFor } from '../engine.js'
import { formatTable } from '../table.js'
import { CLI_VERSION } from '../version.js'

/** The schedule command. */
export const scheduleCommand: CliCommand = {
  name: 'schedule',
  summary: 'run configured reports on cron schedules, diff each run and notify a webhook',
  configure: (cmd) =>
    cmd
      .requiredOption('--config <file>', 'schedule config JSON: {outputDir, jobs: [{name, report, cron, formats, reingest?}], settings?, webhook?}')
      .option('--once', 'run every job once now and exit')
      .option('--job <name>', 'with --once: run only this job'),
  run: async ({ opts, ctx }) => {
    const configFile = resolve(ctx.cwd, String(opts['config']))
    const config = await readJsonConfig(configFile, ScheduleConfigSchema)
    const base = dirname(configFile)
    const resolved = { ...config, outputDir: resolve(base, config.outputDir) }
    const store = await ctx.openStore()
    const catalog = await readActionCatalog()
    const runs = new ReportRunStore(ctx.globals.db)
    const prepare = async (job: ScheduleJob, now: Date) => {
      if (job.reingest) {
        await ingestManifest(resolve(base, job.reingest), { store, label: `schedule:${job.name}`, now, progress: ctx.progress })
      }
      return loadReportInput({ store, ref: 'latest', openEngine: (id) => openEngineFor(store, id), ...(config.settings ? { settings: config.settings } : {}), catalog, now })
    }
    const log = (event: Readonly<Record<string, unknown>>) => ctx.stderr(`${JSON.stringify({ time: ctx.now().toISOString(), ...event })}\n`)
    const scheduler = new Scheduler({ config: resolved, runs, prepare, render: { version: CLI_VERSION, nodeKinds: new Map() }, now: ctx.now, log })
    try {
      if (opts['once']) {
        const jobs = resolved.jobs.filter((j) => !opts['job'] || j.name === opts['job'])
        if (jobs.length === 0) throw new CrownpathError('CP_ERR_USAGE', { reason: `no job named \`${String(opts['job'])}\` in ${configFile}` })
        const done = []
        for (const job of jobs) done.push(await scheduler.runJob(job))
        const summary = done.map((r) => ({ id: r.id, job: r.job, status: r.status, findings: r.findingCount, newFindings: r.diff?.newFindings.length ?? null, resolvedFindings: r.diff?.resolvedFindings.length ?? null, error: r.error, outputs: r.outputs }))
        // A failed run is recorded and printed; the exit code still tells a cron wrapper it failed.
        return { exitCode: done.some((r) => r.status === 'failed') ? EXIT.internal : 0, json: { runs: summary }, table: formatTable(['RUN', 'JOB', 'STATUS', 'FINDINGS', 'NEW', 'RESOLVED', 'ERROR'], summary.map((s) => [s.id, s.job, s.status, s.findings, s.newFindings, s.resolvedFindings, s.error])) }
      }
      ctx.stderr(`scheduling ${resolved.jobs.length} job(s); next runs: ${JSON.stringify(scheduler.nextRuns())}\n`)
      const stop = scheduler.start()
      await new Promise<void>((resolveStop) => {
        const end = () => resolveStop()
        process.once('SIGINT', end)
        process.once('SIGTERM', end)
      })
      stop()
      return { json: { stopped: true }, table: 'scheduler stopped' }
    } finally {
      runs.close()
    }
  },
}
