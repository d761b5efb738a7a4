/**
 * @module reports/scheduler
 * Scheduled report runs: each job's cron expression (croner), a run that
 * builds the report on a fresh input, diffs it against the job's last good
 * run, writes its outputs atomically, records the run and posts a summary.
 * A failed run is recorded as failed and leaves the last good outputs alone.
 * Re-ingest is not done here (layer rule): the CLI's `prepare` hook does it.
 */
import { Cron } from 'croner'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Type } from 'typebox'
import { PRINCIPAL_KINDS } from '../model/index.js'
import type { Static } from 'typebox'
import { diffReports } from './diff.js'
import { buildReport, renderReport } from './run.js'
import type { RenderContext } from './format/index.js'
import type { ReportRun, ReportRunDetail, ReportRunStore, RunFacts } from './runs.js'
import type { ReportDocument, ReportFormat, ReportInput } from './types.js'
import { REPORT_FORMATS, ReportSettingsSchema } from './types.js'
import { postWebhook } from './webhook.js'
import type { Sleep } from './webhook.js'

/** Schema of one scheduled job (also documents the config file). */
export const ScheduleJobSchema = Type.Object({
  name: Type.String({ minLength: 1, pattern: '^[A-Za-z0-9._-]+$', description: 'Job name; also the output sub-folder' }),
  report: Type.String({ minLength: 1, description: 'Report name: over-permission, credentials, break-glass' }),
  cron: Type.String({ minLength: 1, description: 'Cron expression (5 or 6 fields), evaluated in `timezone`' }),
  formats: Type.Array(Type.Union([Type.Literal('json'), Type.Literal('md'), Type.Literal('html'), Type.Literal('csv'), Type.Literal('sarif')]), { minItems: 1, description: `Output formats: ${REPORT_FORMATS.join(', ')}` }),
  reingest: Type.Optional(Type.String({ description: 'Path of an ingest manifest to load before the run; its loaders may be file loaders or the live ones (`aws-live`, `azure-live` with their options)' })),
})

/** Schema of a schedule config file. */
export const ScheduleConfigSchema = Type.Object({
  outputDir: Type.String({ minLength: 1 }),
  timezone: Type.Optional(Type.String()),
  settings: Type.Optional(ReportSettingsSchema),
  webhook: Type.Optional(
    Type.Object({
      url: Type.String({ pattern: '^https?://' }),
      retries: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
      backoffMs: Type.Optional(Type.Integer({ minimum: 0 })),
      headers: Type.Optional(Type.Record(Type.String(), Type.String())),
    }),
  ),
  jobs: Type.Array(ScheduleJobSchema, { minItems: 1 }),
})

/** A scheduled job. */
export type ScheduleJob = Static<typeof ScheduleJobSchema>
/** A schedule config. */
export type ScheduleConfig = Static<typeof ScheduleConfigSchema>

/** What the scheduler needs from its caller. */
export interface SchedulerDeps {
  readonly config: ScheduleConfig
  readonly runs: ReportRunStore
  /** Build the input for a run (re-ingest first when the job says so). */
  readonly prepare: (job: ScheduleJob, now: Date) => Promise<ReportInput>
  readonly render: RenderContext
  readonly now: () => Date
  readonly sleep?: Sleep
  /** Structured log line per event (never secrets). */
  readonly log: (event: Readonly<Record<string, unknown>>) => void
}

/** Graph-level facts compared between runs. */
async function collectFacts(input: ReportInput): Promise<RunFacts> {
  const admins = input.nodes.filter((n) => n.isTierZero && PRINCIPAL_KINDS.includes(n.kind)).map((n) => n.id)
  const reach = await input.engine.whoCan({ to: 'crown-jewels', limit: 100_000 })
  return { admins: admins.sort(), crownJewelReachers: reach.entries.map((e) => e.id).sort() }
}

/** Write each rendered output to a temporary file, then rename into place: a crash never leaves half a report. */
async function writeOutputs(dir: string, doc: ReportDocument, job: ScheduleJob, render: RenderContext, startedAt: Date): Promise<string[]> {
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-')
  const runDir = join(dir, job.name, stamp)
  await mkdir(runDir, { recursive: true })
  const rendered = job.formats.map((format) => ({ format, text: renderReport(doc, format as ReportFormat, render) }))
  const written: string[] = []
  for (const { format, text } of rendered) {
    const target = join(runDir, `${job.report}.${format}`)
    await writeFile(`${target}.tmp`, text)
    await rename(`${target}.tmp`, target)
    written.push(target)
  }
  // "latest" copies are replaced only after every format rendered and was written.
  for (const { format, text } of rendered) {
    const latest = join(dir, job.name, `latest.${format}`)
    await writeFile(`${latest}.tmp`, text)
    await rename(`${latest}.tmp`, latest)
  }
  return written
}

/** Runs jobs on their schedules. */
export class Scheduler {
  private readonly deps: SchedulerDeps
  private readonly crons = new Map<string, Cron>()
  /** When each job last ran (or when the scheduler started), for {@link tick}. */
  private readonly lastChecked = new Map<string, Date>()

  constructor(deps: SchedulerDeps) {
    this.deps = deps
    const start = deps.now()
    for (const job of deps.config.jobs) {
      // Paused: croner only computes times here; the loop or tick() decides when to run.
      this.crons.set(job.name, new Cron(job.cron, { paused: true, ...(deps.config.timezone ? { timezone: deps.config.timezone } : {}) }))
      this.lastChecked.set(job.name, start)
    }
  }

  /** The next time each job is due after `after`. */
  nextRuns(after: Date = this.deps.now()): Record<string, string | null> {
    const out: Record<string, string | null> = {}
    for (const [name, cron] of this.crons) out[name] = cron.nextRun(after)?.toISOString() ?? null
    return out
  }

  /** Run every job whose next time since its last check is at or before `now` (once each). */
  async tick(now: Date = this.deps.now()): Promise<ReportRun[]> {
    const done: ReportRun[] = []
    for (const job of this.deps.config.jobs) {
      const since = this.lastChecked.get(job.name) ?? now
      const due = this.crons.get(job.name)!.nextRun(since)
      if (due && due.getTime() <= now.getTime()) {
        this.lastChecked.set(job.name, now)
        done.push(await this.runJob(job))
      }
    }
    return done
  }

  /** Run one job now: build, diff, write, record, notify. Never throws: failures are recorded. */
  async runJob(job: ScheduleJob): Promise<ReportRunDetail> {
    const { runs, log } = this.deps
    const startedAt = this.deps.now()
    log({ event: 'report.run.start', job: job.name, report: job.report, at: startedAt.toISOString() })
    let detail: Omit<ReportRunDetail, 'id'>
    try {
      const input = await this.deps.prepare(job, startedAt)
      const doc = await buildReport(job.report, input)
      const facts = await collectFacts(input)
      const previous = runs.lastSucceeded(job.name)
      const findingsDiff = diffReports(previous?.document ?? null, doc)
      const before = previous?.facts ?? { admins: [], crownJewelReachers: [] }
      const diff = {
        ...findingsDiff,
        newAdmins: previous ? facts.admins.filter((a) => !before.admins.includes(a)) : [],
        newCrownJewelReachers: previous ? facts.crownJewelReachers.filter((a) => !before.crownJewelReachers.includes(a)) : [],
      }
      const outputs = await writeOutputs(this.deps.config.outputDir, doc, job, this.deps.render, startedAt)
      detail = { job: job.name, report: job.report, status: 'succeeded', startedAt: startedAt.toISOString(), finishedAt: this.deps.now().toISOString(), snapshotId: doc.snapshot.id, error: null, findingCount: doc.findings.length, outputs, document: doc, diff, facts }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      detail = { job: job.name, report: job.report, status: 'failed', startedAt: startedAt.toISOString(), finishedAt: this.deps.now().toISOString(), snapshotId: null, error: message, findingCount: null, outputs: [], document: null, diff: null, facts: null }
    }
    const id = runs.record(detail)
    log({ event: 'report.run.end', job: job.name, status: detail.status, findings: detail.findingCount, error: detail.error })
    if (this.deps.config.webhook) {
      const result = await postWebhook(this.deps.config.webhook, summarise(id, detail), this.deps.sleep)
      log({ event: 'report.webhook', job: job.name, delivered: result.delivered, attempts: result.attempts, status: result.status })
    }
    return { id, ...detail }
  }

  /** Start the real-time loop: croner fires each job on its schedule. Returns a stop function. */
  start(): () => void {
    const live: Cron[] = []
    for (const job of this.deps.config.jobs) {
      live.push(new Cron(job.cron, { protect: true, ...(this.deps.config.timezone ? { timezone: this.deps.config.timezone } : {}) }, async () => {
        await this.runJob(job)
      }))
    }
    return () => live.forEach((c) => c.stop())
  }
}

/** The webhook payload: counts and titles only. */
function summarise(id: number, run: Omit<ReportRunDetail, 'id'>): Record<string, unknown> {
  return {
    run: id,
    job: run.job,
    report: run.report,
    status: run.status,
    error: run.error,
    snapshot: run.snapshotId,
    findings: run.findingCount,
    bySeverity: run.document?.summary.bySeverity ?? null,
    newFindings: run.diff?.newFindings.map((f) => ({ id: f.id, severity: f.severity, title: f.title })) ?? [],
    resolvedFindings: run.diff?.resolvedFindings.map((f) => ({ id: f.id, title: f.title })) ?? [],
    newAdmins: run.diff?.newAdmins ?? [],
    newCrownJewelReachers: run.diff?.newCrownJewelReachers ?? [],
    outputs: run.outputs,
  }
}

/** Remove a job's output folder (used by tests and `schedule --reset`). */
export async function clearOutputs(dir: string, job: string): Promise<void> {
  await rm(join(dir, job), { recursive: true, force: true })
}
