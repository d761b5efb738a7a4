/**
 * @module model/inventory
 * The provider-neutral Inventory every loader produces and the pipeline
 * consumes: AWS and Azure sections, leaked-credential findings, the files it
 * came from and the data issues found while reading them.
 */
import type { DataIssue } from './errors.js'
import type { AwsInventory } from './inventory-aws.js'
import { emptyAwsInventory } from './inventory-aws.js'
import type { AzureInventory } from './inventory-azure.js'
import { emptyAzureInventory } from './inventory-azure.js'

/** Where part of an inventory came from (a file or a live collection run). */
export interface SourceRef {
  readonly loader: string
  /** File path, or `live:<provider>:<account/tenant>`. */
  readonly location: string
  /** SHA-256 of the file contents, when a file. */
  readonly sha256: string | null
  readonly collectedAt: string | null
}

/** Where a secret scanner found a credential. Never the secret value. */
export interface LeakLocation {
  readonly scanner: 'gitleaks' | 'trufflehog' | string
  readonly repository: string | null
  readonly file: string | null
  readonly commit: string | null
  readonly line: number | null
  readonly rule: string | null
  readonly date: string | null
}

/** A credential reported exposed: an AWS access key id or an Azure credential key id. */
export interface LeakFinding {
  readonly credentialId: string
  readonly provider: 'aws' | 'azure'
  readonly locations: readonly LeakLocation[]
}

/** Everything the loaders produced for one ingest. */
export interface Inventory {
  readonly version: 1
  readonly sources: readonly SourceRef[]
  readonly aws: AwsInventory
  readonly azure: AzureInventory
  readonly leaks: readonly LeakFinding[]
  readonly issues: readonly DataIssue[]
}

/** An empty inventory. */
export function emptyInventory(): Inventory {
  return { version: 1, sources: [], aws: emptyAwsInventory(), azure: emptyAzureInventory(), leaks: [], issues: [] }
}

/** A partial inventory, as one loader returns it. */
export interface InventoryPart {
  readonly sources?: readonly SourceRef[]
  readonly aws?: Partial<AwsInventory>
  readonly azure?: Partial<AzureInventory>
  readonly leaks?: readonly LeakFinding[]
  readonly issues?: readonly DataIssue[]
}

/** Identity key of a record, for de-duplication across files (ids are case-normalised by loaders). */
type Keyed = { readonly arn?: string; readonly id?: string; readonly credentialId?: string }

function recordKey(record: Keyed): string | undefined {
  return record.arn ?? record.id ?? record.credentialId
}

/**
 * Concatenate list sections, keeping the first record per identity key: the
 * same role can appear in two paginated files, an assignment per inherited scope.
 */
function mergeLists<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): readonly T[] {
  if (!b || b.length === 0) return a ?? []
  if (!a || a.length === 0) return b
  const seen = new Set<string>()
  const out: T[] = []
  for (const item of [...a, ...b]) {
    const key = recordKey(item as Keyed)
    if (key !== undefined) {
      if (seen.has(key)) continue
      seen.add(key)
    }
    out.push(item)
  }
  return out
}

/** Merge loader outputs into one inventory (pure). */
export function mergeInventory(base: Inventory, part: InventoryPart): Inventory {
  const aws = { ...base.aws } as Record<string, unknown>
  for (const [key, value] of Object.entries(part.aws ?? {})) {
    if (Array.isArray(value)) aws[key] = mergeLists(aws[key] as unknown[], value)
    else if (value !== undefined && value !== null) aws[key] = value
  }
  const azure = { ...base.azure } as Record<string, unknown>
  for (const [key, value] of Object.entries(part.azure ?? {})) {
    if (Array.isArray(value)) azure[key] = mergeLists(azure[key] as unknown[], value)
  }
  return {
    version: 1,
    sources: [...base.sources, ...(part.sources ?? [])],
    aws: aws as unknown as AwsInventory,
    azure: azure as unknown as AzureInventory,
    leaks: mergeLists(base.leaks, part.leaks),
    issues: [...base.issues, ...(part.issues ?? [])],
  }
}
