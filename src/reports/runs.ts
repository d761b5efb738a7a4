/**
 * @module reports/runs
 * Report runs kept in the SQLite file beside the snapshots: every run with
 * its status, document and diff, so the API can list runs and diffs and a
 * failed run never replaces the last good one.
 */
import Database from 'better-sqlite3'
import type { Database as SqliteDatabase } from 'better-sqlite3'
import { gunzipSync, gzipSync } from 'node:zlib'
import type { ReportDiff } from './diff.js'
import type { ReportDocument } from './types.js'

/** Facts compared between runs beyond findings: who is admin, who reaches crown jewels. */
export interface RunFacts {
  readonly admins: readonly string[]
  readonly crownJewelReachers: readonly string[]
}

/** A stored run. */
export interface ReportRun {
  readonly id: number
  readonly job: string
  readonly report: string
  readonly status: 'succeeded' | 'failed'
  readonly startedAt: string
  readonly finishedAt: string
  readonly snapshotId: string | null
  readonly error: string | null
  readonly findingCount: number | null
  readonly outputs: readonly string[]
}

/** A stored run with its document, diff and facts. */
export interface ReportRunDetail extends ReportRun {
  readonly document: ReportDocument | null
  readonly diff: (ReportDiff & { readonly newAdmins: readonly string[]; readonly newCrownJewelReachers: readonly string[] }) | null
  readonly facts: RunFacts | null
}

/** What the scheduler records. */
export type NewReportRun = Omit<ReportRunDetail, 'id'>

const SCHEMA = `CREATE TABLE IF NOT EXISTS report_runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job TEXT NOT NULL, report TEXT NOT NULL, status TEXT NOT NULL,
  started_at TEXT NOT NULL, finished_at TEXT NOT NULL,
  snapshot_id TEXT, error TEXT, finding_count INTEGER, outputs TEXT NOT NULL,
  document BLOB, diff BLOB, facts TEXT)`

interface RunRow {
  id: number
  job: string
  report: string
  status: 'succeeded' | 'failed'
  started_at: string
  finished_at: string
  snapshot_id: string | null
  error: string | null
  finding_count: number | null
  outputs: string
  document?: Buffer | null
  diff?: Buffer | null
  facts?: string | null
}

function toRun(row: RunRow): ReportRun {
  return { id: row.id, job: row.job, report: row.report, status: row.status, startedAt: row.started_at, finishedAt: row.finished_at, snapshotId: row.snapshot_id, error: row.error, findingCount: row.finding_count, outputs: JSON.parse(row.outputs) as string[] }
}

const unzipJson = <T>(blob: Buffer | null | undefined): T | null => (blob ? (JSON.parse(gunzipSync(blob).toString('utf8')) as T) : null)

/** The run repository over a SQLite file (the same file as the memory store, or its own). */
export class ReportRunStore {
  private readonly db: SqliteDatabase

  constructor(path: string) {
    this.db = new Database(path)
    this.db.pragma('journal_mode = WAL')
    this.db.exec(SCHEMA)
  }

  /** Record a run; returns its id. */
  record(run: NewReportRun): number {
    const result = this.db
      .prepare('INSERT INTO report_runs (job, report, status, started_at, finished_at, snapshot_id, error, finding_count, outputs, document, diff, facts) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)')
      .run(run.job, run.report, run.status, run.startedAt, run.finishedAt, run.snapshotId, run.error, run.findingCount, JSON.stringify(run.outputs), run.document ? gzipSync(JSON.stringify(run.document)) : null, run.diff ? gzipSync(JSON.stringify(run.diff)) : null, run.facts ? JSON.stringify(run.facts) : null)
    return Number(result.lastInsertRowid)
  }

  /** Runs newest first, optionally of one job. */
  list(job?: string, limit = 100): ReportRun[] {
    const rows = (job
      ? this.db.prepare('SELECT id, job, report, status, started_at, finished_at, snapshot_id, error, finding_count, outputs FROM report_runs WHERE job = ? ORDER BY id DESC LIMIT ?').all(job, limit)
      : this.db.prepare('SELECT id, job, report, status, started_at, finished_at, snapshot_id, error, finding_count, outputs FROM report_runs ORDER BY id DESC LIMIT ?').all(limit)) as RunRow[]
    return rows.map(toRun)
  }

  /** One run with document and diff, or null. */
  get(id: number): ReportRunDetail | null {
    const row = this.db.prepare('SELECT * FROM report_runs WHERE id = ?').get(id) as RunRow | undefined
    if (!row) return null
    return { ...toRun(row), document: unzipJson<ReportDocument>(row.document), diff: unzipJson(row.diff), facts: row.facts ? (JSON.parse(row.facts) as RunFacts) : null }
  }

  /** The newest succeeded run of a job (the baseline for the next diff), or null. */
  lastSucceeded(job: string): ReportRunDetail | null {
    const row = this.db.prepare("SELECT id FROM report_runs WHERE job = ? AND status = 'succeeded' ORDER BY id DESC LIMIT 1").get(job) as { id: number } | undefined
    return row ? this.get(row.id) : null
  }

  close(): void {
    this.db.close()
  }
}
