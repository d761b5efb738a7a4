/**
 * @module reports/types
 * The versioned report document every report produces and every formatter
 * reads: findings with severity, subject, evidence and remediation, and for
 * reviews, controls with pass/fail and the attestation block.
 */
import { Type } from 'typebox'
import type { Evidence, GraphEdge, GraphNode, Inventory, Provider } from '../model/index.js'
import type { GraphPath, PathEngine } from '../paths/index.js'
import type { SnapshotMeta } from '../graph/index.js'
import type { ActionCatalog } from '../aws/policy/index.js'

/** The JSON schema version of report documents; bumped on breaking change. */
export const REPORT_SCHEMA_VERSION = 1

/** Severities, most severe first. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const
/** A severity. */
export type Severity = (typeof SEVERITIES)[number]

/** Output formats. */
export const REPORT_FORMATS = ['json', 'md', 'html', 'csv', 'sarif'] as const
/** An output format. */
export type ReportFormat = (typeof REPORT_FORMATS)[number]

/** One finding. `id` is stable across runs so runs can be diffed. */
export interface Finding {
  /** `<check>:<subject id>[:<detail>]`. */
  readonly id: string
  readonly check: string
  readonly category: string
  readonly severity: Severity
  readonly title: string
  /** The principal, credential or resource the finding is about. */
  readonly subject: string
  readonly subjectName: string
  readonly provider: Provider
  readonly evidence: readonly Evidence[]
  readonly remediation: string
  /** A path that shows the risk, when there is one (drawn in HTML). */
  readonly path?: GraphPath | null
  /** Extra facts, scalars only (age in days, blast-radius score, ...). */
  readonly details: Readonly<Record<string, string | number | boolean | null>>
}

/** A control of a review (break-glass): pass or fail with its evidence. */
export interface ControlResult {
  readonly control: string
  readonly title: string
  readonly status: 'pass' | 'fail' | 'not-applicable' | 'unknown'
  readonly detail: string
  readonly evidence: readonly Evidence[]
  readonly paths?: readonly GraphPath[]
}

/** One reviewed subject with its controls (e.g. one break-glass identity). */
export interface ReviewSubject {
  readonly id: string
  readonly name: string
  readonly provider: Provider
  readonly controls: readonly ControlResult[]
}

/** A report document (`--format json` prints exactly this). */
export interface ReportDocument {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION
  readonly report: string
  readonly title: string
  readonly generatedAt: string
  readonly snapshot: { readonly id: string; readonly createdAt: string }
  readonly parameters: Readonly<Record<string, string | number | boolean | readonly string[]>>
  readonly summary: { readonly findings: number; readonly bySeverity: Readonly<Record<Severity, number>> }
  readonly findings: readonly Finding[]
  /** Review reports only. */
  readonly reviews?: readonly ReviewSubject[]
  /** Review reports only: where the reviewer signs. */
  readonly attestation?: { readonly statement: string; readonly reviewer: string | null; readonly date: string | null }
}

/** Settings reports read (from the schedule config or CLI flags). */
export interface ReportSettings {
  /** Access keys older than this many days are findings (default 90). */
  readonly maxKeyAgeDays: number
  /** Keys / passwords unused for this many days are findings (default 90). */
  readonly maxUnusedDays: number
  /** Azure secrets expiring within this many days are findings (default 30). */
  readonly expiryWarningDays: number
  /** Azure secrets valid longer than this many days are findings (default 365). */
  readonly maxSecretLifetimeDays: number
  /** Account ids trusted by design (cross-account trusts to them are not findings). */
  readonly trustedAccounts: readonly string[]
  /** Break-glass identities by id; identities tagged `crownpath:break-glass=true` are added. */
  readonly breakGlass: readonly string[]
  /** Break-glass credentials must be rotated within this many days (default 180). */
  readonly breakGlassRotationDays: number
}

/** Schema of report settings as written in a config file (every field optional; defaults fill the rest). */
export const ReportSettingsSchema = Type.Object(
  {
    maxKeyAgeDays: Type.Optional(Type.Integer({ minimum: 1 })),
    maxUnusedDays: Type.Optional(Type.Integer({ minimum: 1 })),
    expiryWarningDays: Type.Optional(Type.Integer({ minimum: 0 })),
    maxSecretLifetimeDays: Type.Optional(Type.Integer({ minimum: 1 })),
    trustedAccounts: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9]{12}$' }))),
    breakGlass: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    breakGlassRotationDays: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
)

/** Defaults for {@link ReportSettings}. */
export const DEFAULT_REPORT_SETTINGS: ReportSettings = {
  maxKeyAgeDays: 90,
  maxUnusedDays: 90,
  expiryWarningDays: 30,
  maxSecretLifetimeDays: 365,
  trustedAccounts: [],
  breakGlass: [],
  breakGlassRotationDays: 180,
}

/** Everything a report reads: one snapshot, its inventory, a path engine on it. */
export interface ReportInput {
  readonly meta: SnapshotMeta
  readonly nodes: readonly GraphNode[]
  readonly edges: readonly GraphEdge[]
  readonly inventory: Inventory
  readonly engine: PathEngine
  readonly settings: ReportSettings
  /** The AWS action catalogue (access levels, wildcard expansion); null skips the access-level categories. */
  readonly catalog: ActionCatalog | null
  readonly now: Date
}

/** What a report returns before the common envelope is added. */
export interface ReportBody {
  readonly findings: readonly Finding[]
  readonly reviews?: readonly ReviewSubject[]
  readonly attestation?: ReportDocument['attestation']
}

/** A report: a name, what it is, which formats fit it, and the function that builds it. */
export interface ReportDefinition {
  readonly name: string
  readonly title: string
  readonly description: string
  readonly formats: readonly ReportFormat[]
  readonly build: (input: ReportInput) => Promise<ReportBody>
}
