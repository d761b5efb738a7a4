/**
 * @module loaders/aws/transform/credential-report
 * The IAM credential report CSV and `list-access-keys` data → the credential
 * fields of `AwsUser` (access keys, console password, MFA). Never reads a
 * secret: the report holds none, and key files carry ids only. Pure.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
 */
import type { AwsAccessKey, AwsMfaDevice, AwsUser, DataIssue } from '../../../src/model/index.js'
import { CrownpathError } from '../../../src/model/index.js'
import type { AccessKeyEntry } from '../schemas/access-keys.js'

/** Columns the report must have for crownpath to use it. */
export const CREDENTIAL_REPORT_REQUIRED_COLUMNS = [
  'user',
  'arn',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
] as const

/** One access-key slot of a report row (the report has no key ids). */
export interface ReportKeySlot {
  readonly slot: 1 | 2
  readonly isActive: boolean
  readonly lastRotated: string | null
  readonly lastUsedDate: string | null
  readonly lastUsedRegion: string | null
  readonly lastUsedService: string | null
}

/** One row of the credential report. */
export interface CredentialReportRow {
  readonly user: string
  readonly arn: string
  /** null for the root account (`not_supported`). */
  readonly isPasswordEnabled: boolean | null
  readonly passwordLastUsed: string | null
  readonly passwordLastChanged: string | null
  readonly isMfaActive: boolean
  /** Slots that hold a key (active, or inactive but not deleted). */
  readonly keys: readonly ReportKeySlot[]
}

/** Split CSV text into rows (RFC 4180 quoting; the report itself never quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let inQuotes = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (inQuotes) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') inQuotes = false
      else field += ch
    } else if (ch === '"') inQuotes = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += ch
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''))
}

/** The report writes `N/A`, `no_information` or `not_supported` where there is no value. */
function dateOrNull(value: string): string | null {
  return value === '' || value === 'N/A' || value === 'no_information' || value === 'not_supported' ? null : value
}

/** Parse the credential report CSV; a missing column or a bad value is `CP_ERR_INPUT_SHAPE` at `line N, column c`. */
export function transformCredentialReport(text: string, file: string): CredentialReportRow[] {
  const rows = parseCsv(text)
  const header = rows[0]
  if (!header) throw new CrownpathError('CP_ERR_INPUT_SHAPE', { file, path: 'line 1', expected: 'a credential report header line' })
  const index = new Map(header.map((name, i) => [name.trim(), i]))
  for (const column of CREDENTIAL_REPORT_REQUIRED_COLUMNS) {
    if (!index.has(column)) throw new CrownpathError('CP_ERR_INPUT_SHAPE', { file, path: 'line 1', expected: `a credential report header with column \`${column}\`` })
  }
  return rows.slice(1).map((cells, r) => {
    const line = r + 2
    const cell = (column: string): string => {
      const value = cells[index.get(column)!]
      if (value === undefined) throw new CrownpathError('CP_ERR_INPUT_SHAPE', { file, path: `line ${line}, column ${column}`, expected: `${header.length} columns, got ${cells.length}` })
      return value
    }
    const bool = (column: string, allowNotSupported = false): boolean | null => {
      const value = cell(column)
      if (value === 'true') return true
      if (value === 'false') return false
      if (allowNotSupported && value === 'not_supported') return null
      throw new CrownpathError('CP_ERR_INPUT_SHAPE', { file, path: `line ${line}, column ${column}`, expected: '`true` or `false`' })
    }
    const arn = cell('arn')
    if (!/^arn:aws[a-z-]*:iam::\d{12}:(root|user\/.+)$/.test(arn)) {
      throw new CrownpathError('CP_ERR_INPUT_SHAPE', { file, path: `line ${line}, column arn`, expected: 'a user or root ARN' })
    }
    const keys: ReportKeySlot[] = []
    for (const slot of [1, 2] as const) {
      const isActive = bool(`access_key_${slot}_active`) === true
      const lastRotated = dateOrNull(cell(`access_key_${slot}_last_rotated`))
      // A deleted key leaves `false` and `N/A`; an inactive key keeps its rotation date.
      if (!isActive && lastRotated === null) continue
      keys.push({
        slot,
        isActive,
        lastRotated,
        lastUsedDate: dateOrNull(cell(`access_key_${slot}_last_used_date`)),
        lastUsedRegion: dateOrNull(cell(`access_key_${slot}_last_used_region`)),
        lastUsedService: dateOrNull(cell(`access_key_${slot}_last_used_service`)),
      })
    }
    return {
      user: cell('user'),
      arn,
      isPasswordEnabled: bool('password_enabled', true),
      passwordLastUsed: dateOrNull(cell('password_last_used')),
      passwordLastChanged: dateOrNull(cell('password_last_changed')),
      isMfaActive: bool('mfa_active') === true,
      keys,
    }
  })
}

/** The id used for a key known only from the report's slot (the report has no key ids). */
export function reportKeySlotId(userArn: string, slot: number): string {
  return `${userArn}#access-key-${slot}`
}

/** The serial used for an MFA device known only from the report's `mfa_active`. */
export function reportMfaSerial(userArn: string): string {
  return `${userArn}#mfa`
}

function sameInstant(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false
  const ta = Date.parse(a)
  const tb = Date.parse(b)
  return !Number.isNaN(ta) && Math.floor(ta / 1000) === Math.floor(tb / 1000)
}

/** Key entries from `--access-keys`, attributed to user ARNs. */
export interface UserAccessKeys {
  readonly userArn: string
  readonly keys: readonly AccessKeyEntry[]
}

/**
 * Attribute `list-access-keys` entries to users: by `UserArn` when given, else
 * by name, which must then be unique across the ingest's accounts.
 */
export function attributeAccessKeys(entries: readonly AccessKeyEntry[], users: readonly AwsUser[], file: string, issues: DataIssue[]): UserAccessKeys[] {
  const byName = new Map<string, AwsUser[]>()
  for (const user of users) byName.set(user.name, [...(byName.get(user.name) ?? []), user])
  const byArn = new Map<string, AccessKeyEntry[]>()
  for (const entry of entries) {
    let arn = entry.UserArn ?? null
    if (!arn) {
      const candidates = byName.get(entry.UserName) ?? []
      if (candidates.length > 1) {
        throw new CrownpathError('CP_ERR_INPUT_SHAPE', {
          file,
          path: `key \`${entry.AccessKeyId}\``,
          expected: `a \`UserArn\`: user name \`${entry.UserName}\` exists in several accounts`,
        })
      }
      arn = candidates[0]?.arn ?? null
    }
    if (!arn) {
      issues.push({ severity: 'warning', where: file, message: `access key \`${entry.AccessKeyId}\` belongs to user \`${entry.UserName}\`, who is not in the authorization details` })
      continue
    }
    byArn.set(arn, [...(byArn.get(arn) ?? []), entry])
  }
  return [...byArn].map(([userArn, keys]) => ({ userArn, keys }))
}

/**
 * Fill users' credential fields from the report and the key lists. Report
 * slots are matched to listed keys by creation time = `last_rotated`; a slot
 * with no listed key keeps the synthetic id {@link reportKeySlotId}.
 */
export function applyCredentials(
  users: readonly AwsUser[],
  report: readonly CredentialReportRow[],
  accessKeys: readonly UserAccessKeys[],
  issues: DataIssue[],
): AwsUser[] {
  const rowByArn = new Map(report.map((row) => [row.arn, row]))
  const keysByArn = new Map(accessKeys.map((k) => [k.userArn, k.keys]))
  const known = new Set(users.map((u) => u.arn))
  for (const row of report) {
    if (row.arn.endsWith(':root')) {
      if (row.keys.some((k) => k.isActive)) issues.push({ severity: 'warning', where: row.arn, message: 'the root user has an active access key' })
    } else if (!known.has(row.arn)) {
      issues.push({ severity: 'warning', where: row.arn, message: `credential report user \`${row.user}\` is not in the authorization details` })
    }
  }
  return users.map((user) => {
    const row = rowByArn.get(user.arn)
    const listed = keysByArn.get(user.arn)
    if (!row && !listed) return user
    let accessKeys: AwsAccessKey[] | null = listed
      ? listed.map((k) => ({
          id: k.AccessKeyId,
          status: k.Status,
          createDate: k.CreateDate ?? null,
          lastUsedDate: k.AccessKeyLastUsed?.LastUsedDate ?? null,
          lastUsedService: nullIfNa(k.AccessKeyLastUsed?.ServiceName),
          lastUsedRegion: nullIfNa(k.AccessKeyLastUsed?.Region),
        }))
      : null
    if (row) {
      const merged = [...(accessKeys ?? [])]
      for (const slot of row.keys) {
        const matchIndex = merged.findIndex((k) => sameInstant(k.createDate, slot.lastRotated))
        const fromSlot = {
          status: slot.isActive ? ('Active' as const) : ('Inactive' as const),
          lastUsedDate: slot.lastUsedDate,
          lastUsedService: slot.lastUsedService,
          lastUsedRegion: slot.lastUsedRegion,
        }
        if (matchIndex >= 0) {
          const key = merged[matchIndex]!
          merged[matchIndex] = {
            ...key,
            lastUsedDate: key.lastUsedDate ?? fromSlot.lastUsedDate,
            lastUsedService: key.lastUsedService ?? fromSlot.lastUsedService,
            lastUsedRegion: key.lastUsedRegion ?? fromSlot.lastUsedRegion,
          }
        } else if (!listed) {
          merged.push({ id: reportKeySlotId(user.arn, slot.slot), createDate: slot.lastRotated, ...fromSlot })
        }
      }
      accessKeys = merged
    }
    const mfaDevices: readonly AwsMfaDevice[] | null = row ? (row.isMfaActive ? [{ serialNumber: reportMfaSerial(user.arn), enableDate: null, isVirtual: false }] : []) : user.mfaDevices
    const hasLogin = row ? row.isPasswordEnabled === true : user.hasLoginProfile
    return {
      ...user,
      accessKeys,
      hasLoginProfile: hasLogin,
      loginProfile:
        row && row.isPasswordEnabled
          ? { createDate: null, passwordLastUsed: row.passwordLastUsed, passwordLastChanged: row.passwordLastChanged, passwordResetRequired: false }
          : row
            ? null
            : user.loginProfile,
      mfaDevices,
      passwordLastUsed: row ? row.passwordLastUsed : user.passwordLastUsed,
    }
  })
}

/** `get-access-key-last-used` reports `N/A` for a key never used. */
function nullIfNa(value: string | undefined): string | null {
  return value === undefined || value === 'N/A' || value === '' ? null : value
}
