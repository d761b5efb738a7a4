/**
 * @module loaders/azure/transform/azurehound
 * AzureHound output → InventoryPart. Accepts the `-o` envelope (`{data, meta}`
 * with `{kind, data}` records, any AzureHound 1.x–3.x), bare NDJSON records
 * (stdout mode), and the older per-type files (`meta.type` = `azusers`, …,
 * `data` = plain objects). Field meanings follow shared/azurehound-format.md.
 * Pure: the caller (read.ts) supplies parsed documents.
 */
import type { AzCredential, InventoryPart, SourceRef } from '../../../src/model/index.js'
import { AZURE_RESOURCE_TYPES, CrownpathError, azureArmId, checkShape } from '../../../src/model/index.js'
import {
  ArmRoleAssignmentSchema,
  EnvelopeSchema,
  RECORD_SCHEMAS,
  RecordSchema,
  ResourceSchema,
} from '../schema.js'
import type { ArmResourceInput } from './arm.js'
import { parseArmScope, stringTags, toRoleAssignment } from './arm.js'
import { AzureCollector } from './collect.js'
import {
  directoryObjectIds,
  normaliseDirectoryScope,
  toApp,
  toDirectoryRoleDefinition,
  toFederatedCredential,
  toGroup,
  toServicePrincipal,
  toUser,
} from './entra.js'

/** One parsed input file, as read.ts hands it over. */
export interface AzureHoundDocument {
  readonly file: string
  /** `json`: one JSON document; `ndjson`: one record per line. */
  readonly format: 'json' | 'ndjson'
  /** The parsed document (json) or the parsed lines (ndjson). */
  readonly content: unknown
  /** ndjson: the 1-based file line of each parsed line (blank lines are skipped); absent → index + 1. */
  readonly lineNumbers?: readonly number[]
  readonly source: SourceRef
}

/** A record with where it sits in its file (for error messages). */
interface LocatedRecord {
  readonly kind: string
  readonly data: unknown
  readonly file: string
  /** JSON path of the record's `data`, e.g. `$.data[12].data`. */
  readonly path: string
}

type Rec<K extends keyof typeof RECORD_SCHEMAS> = import('typebox').Static<(typeof RECORD_SCHEMAS)[K]>

/** Resource kinds and the ARM type each implies. */
const RESOURCE_KINDS: Readonly<Record<string, string>> = {
  AZVM: AZURE_RESOURCE_TYPES.AZVM,
  AZVMScaleSet: AZURE_RESOURCE_TYPES.AZVMScaleSet,
  AZKeyVault: AZURE_RESOURCE_TYPES.AZKeyVault,
  AZAutomationAccount: AZURE_RESOURCE_TYPES.AZAutomationAccount,
  AZFunctionApp: AZURE_RESOURCE_TYPES.AZFunctionApp,
  AZWebApp: AZURE_RESOURCE_TYPES.AZWebApp,
  AZLogicApp: AZURE_RESOURCE_TYPES.AZLogicApp,
  AZManagedCluster: AZURE_RESOURCE_TYPES.AZManagedCluster,
  AZContainerRegistry: AZURE_RESOURCE_TYPES.AZContainerRegistry,
  AZStorageAccount: AZURE_RESOURCE_TYPES.AZStorageAccount,
}

/**
 * ARM role-assignment list kinds: per-role lists (`AZSubscriptionOwner`, …),
 * per-resource assignee lists (`AZFunctionAppRoleAssignment`, …) and complete
 * lists (`AZKeyVaultRoleAssignment`, …). All embed ARM role assignment objects.
 */
const ARM_ASSIGNMENT_SCOPES = [
  'ManagementGroup', 'Subscription', 'ResourceGroup', 'KeyVault', 'VM', 'VMScaleSet', 'AutomationAccount', 'FunctionApp',
  'WebApp', 'LogicApp', 'ContainerRegistry', 'ManagedCluster', 'StorageAccount', 'StorageContainer',
] as const
const ARM_ASSIGNMENT_ROLES = [
  'Owner', 'Contributor', 'UserAccessAdmin', 'KVContributor', 'VMContributor', 'AdminLogin', 'AvereContributor', 'RoleAssignment',
] as const
const ARM_ASSIGNMENT_KIND = new RegExp(`^AZ(${ARM_ASSIGNMENT_SCOPES.join('|')})(${ARM_ASSIGNMENT_ROLES.join('|')})$`)

/** Every kind this loader reads (others are counted and reported). */
const KNOWN_KINDS = [
  ...Object.keys(RECORD_SCHEMAS),
  ...Object.keys(RESOURCE_KINDS),
  ...ARM_ASSIGNMENT_SCOPES.flatMap((scope) => ARM_ASSIGNMENT_ROLES.map((role) => `AZ${scope}${role}`)),
]

/** Legacy per-type file names (`azusers`, `azkeyvaults`, …) → kind. */
const LEGACY_TYPES: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>()
  const plural = (k: string) => (k.endsWith('y') && !/[aeiou]y$/.test(k) ? `${k.slice(0, -1)}ies` : `${k}s`)
  for (const kind of KNOWN_KINDS) {
    const lower = kind.toLowerCase()
    m.set(lower, kind)
    m.set(plural(lower), kind)
  }
  return m
})()

/** Key renames for PowerShell-era per-type files (PascalCase, `ObjectID`). */
function normaliseLegacyKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(value)) {
    let k = key.startsWith('@') ? key : key.charAt(0).toLowerCase() + key.slice(1)
    if (/^objectid$/i.test(k)) k = 'id'
    else if (k.endsWith('ID')) k = `${k.slice(0, -2)}Id`
    if (!(k in out)) out[k] = v
  }
  return out
}

/** Split one document into located records, whatever its shape. */
function recordsOf(doc: AzureHoundDocument): LocatedRecord[] {
  const { file } = doc
  if (doc.format === 'ndjson') {
    const lines = doc.content as unknown[]
    return lines.map((line, i) => {
      const n = doc.lineNumbers?.[i] ?? i + 1
      const r = checkShape<{ kind: string; data: unknown }>(RecordSchema, line, file, `line ${n}: $`)
      return { kind: r.kind, data: r.data, file, path: `line ${n}: $.data` }
    })
  }
  if (Array.isArray(doc.content)) {
    // A bare array of records (hand-assembled dumps).
    return doc.content.map((item, i) => {
      const r = checkShape<{ kind: string; data: unknown }>(RecordSchema, item, file, `$[${i}]`)
      return { kind: r.kind, data: r.data, file, path: `$[${i}].data` }
    })
  }
  const envelope = checkShape<{ data: unknown[]; meta?: { type?: string | null } | null }>(EnvelopeSchema, doc.content, file, '$')
  const metaType = envelope.meta?.type ?? null
  const legacyKind = metaType && metaType.toLowerCase() !== 'azure' ? LEGACY_TYPES.get(metaType.toLowerCase()) : undefined
  if (metaType && metaType.toLowerCase() !== 'azure' && !legacyKind) {
    throw new CrownpathError('CP_ERR_INPUT_FORMAT', {
      file,
      reason: `unknown AzureHound file type \`${metaType}\` in \`$.meta.type\`: expected \`azure\` or a per-type name such as \`azusers\``,
    })
  }
  return envelope.data.map((item, i) => {
    const isRecord = item !== null && typeof item === 'object' && 'kind' in item && 'data' in item
    if (isRecord || !legacyKind) {
      const r = checkShape<{ kind: string; data: unknown }>(RecordSchema, item, file, `$.data[${i}]`)
      return { kind: r.kind, data: r.data, file, path: `$.data[${i}].data` }
    }
    return { kind: legacyKind, data: normaliseLegacyKeys(item), file, path: `$.data[${i}]` }
  })
}

/** Check a record's data against its kind's schema. */
function check<K extends keyof typeof RECORD_SCHEMAS>(kind: K, rec: LocatedRecord): Rec<K> {
  return checkShape<Rec<K>>(RECORD_SCHEMAS[kind], rec.data, rec.file, rec.path)
}

const lc = (s: string) => s.toLowerCase()

/** Every ARM role assignment embedded in a role-assignment list record, checked, with its path. */
function embeddedAssignments(rec: LocatedRecord): { value: unknown; path: string }[] {
  if (rec.data === null || typeof rec.data !== 'object' || Array.isArray(rec.data)) {
    throw new CrownpathError('CP_ERR_INPUT_SHAPE', { file: rec.file, path: rec.path, expected: 'an object' })
  }
  const out: { value: unknown; path: string }[] = []
  for (const [key, list] of Object.entries(rec.data)) {
    if (!Array.isArray(list)) continue
    list.forEach((item: unknown, j) => {
      const itemPath = `${rec.path}.${key}[${j}]`
      if (item === null || typeof item !== 'object') {
        throw new CrownpathError('CP_ERR_INPUT_SHAPE', { file: rec.file, path: itemPath, expected: 'an object holding a role assignment' })
      }
      const entries = Object.entries(item as Record<string, unknown>)
      const nested = entries.find(([, v]) => v !== null && typeof v === 'object' && !Array.isArray(v) && 'properties' in v)
      if (nested) out.push({ value: nested[1], path: `${itemPath}.${nested[0]}` })
      else if ('properties' in item) out.push({ value: item, path: itemPath })
      else throw new CrownpathError('CP_ERR_INPUT_SHAPE', { file: rec.file, path: itemPath, expected: 'an object holding a role assignment (`id` and `properties`)' })
    })
  }
  return out
}

/** Feed one located record into the collector. */
function addRecord(c: AzureCollector, rec: LocatedRecord): void {
  const where = `${rec.file} ${rec.path}`
  const resourceType = RESOURCE_KINDS[rec.kind]
  if (resourceType) {
    // Vaults carry their access policies inline (AzureHound also emits AZKeyVaultAccessPolicy).
    c.addArmResource(checkShape<ArmResourceInput>(ResourceSchema, rec.data, rec.file, rec.path), resourceType, where)
    return
  }
  if (ARM_ASSIGNMENT_KIND.test(rec.kind)) {
    for (const { value, path } of embeddedAssignments(rec)) {
      const ra = checkShape<{ id: string; properties: { principalId: string; roleDefinitionId: string; scope?: string | null } }>(
        ArmRoleAssignmentSchema,
        value,
        rec.file,
        path,
      )
      c.addRoleAssignment(toRoleAssignment({ id: ra.id, ...ra.properties }))
    }
    return
  }
  switch (rec.kind) {
    case 'AZTenant': {
      const t = check('AZTenant', rec)
      c.addTenant({ id: lc(t.tenantId), displayName: t.displayName ?? null, primaryDomain: t.defaultDomain ?? null })
      return
    }
    case 'AZUser': {
      const u = check('AZUser', rec)
      c.addUser(toUser(u, u.tenantId))
      return
    }
    case 'AZGroup': {
      const g = check('AZGroup', rec)
      c.addGroup(toGroup(g, g.tenantId))
      return
    }
    case 'AZGroupMember':
    case 'AZGroupOwner': {
      const isMember = rec.kind === 'AZGroupMember'
      const groupId = isMember ? check('AZGroupMember', rec).groupId : check('AZGroupOwner', rec).groupId
      const objects = isMember
        ? check('AZGroupMember', rec).members.map((m) => m.member)
        : check('AZGroupOwner', rec).owners.map((o) => o.owner)
      const { ids, rejected } = directoryObjectIds(objects)
      if (rejected.length) c.warn(where, `group \`${groupId}\`: ignored ${isMember ? 'members' : 'owners'} of unsupported types: ${rejected.join(', ')}`)
      if (isMember) c.addGroupMembers(lc(groupId), ids)
      else c.addGroupOwners(lc(groupId), ids)
      return
    }
    case 'AZApp': {
      const a = check('AZApp', rec)
      c.addApp(toApp(a, a.tenantId))
      return
    }
    case 'AZAppOwner': {
      // INVARIANT (apps-by-appId): the top-level `appId` is the client id; items carry the object id (collector quirk).
      const o = check('AZAppOwner', rec)
      const { ids, rejected } = directoryObjectIds(o.owners.map((x) => x.owner))
      if (rejected.length) c.warn(where, `app \`${o.appId}\`: ignored owners of unsupported types: ${rejected.join(', ')}`)
      c.addAppOwners(lc(o.appId), ids)
      return
    }
    case 'AZFederatedIdentityCredential': {
      const f = check('AZFederatedIdentityCredential', rec)
      const creds: AzCredential[] = f.fics.map((x, i) => toFederatedCredential(x.fic, (path, message) => c.warn(`${where}.fics[${i}].fic${path}`, message)))
      c.addAppFederatedCredentials(lc(f.appId), creds)
      return
    }
    case 'AZServicePrincipal': {
      const sp = check('AZServicePrincipal', rec)
      c.addServicePrincipal(toServicePrincipal(sp, sp.tenantId))
      return
    }
    case 'AZServicePrincipalOwner': {
      const o = check('AZServicePrincipalOwner', rec)
      const { ids, rejected } = directoryObjectIds(o.owners.map((x) => x.owner))
      if (rejected.length) c.warn(where, `service principal \`${o.servicePrincipalId}\`: ignored owners of unsupported types: ${rejected.join(', ')}`)
      c.addServicePrincipalOwners(lc(o.servicePrincipalId), ids)
      return
    }
    case 'AZDevice': {
      const d = check('AZDevice', rec)
      c.addDevice({
        id: lc(d.id),
        deviceId: d.deviceId ? lc(d.deviceId) : null,
        tenantId: lc(d.tenantId),
        displayName: d.displayName ?? null,
        operatingSystem: d.operatingSystem ?? null,
        trustType: d.trustType ?? null,
      })
      return
    }
    case 'AZRole': {
      c.addDirectoryRoleDefinition(toDirectoryRoleDefinition(check('AZRole', rec)))
      return
    }
    case 'AZRoleAssignment': {
      const r = check('AZRoleAssignment', rec)
      for (const a of r.roleAssignments) {
        c.addDirectoryRoleAssignment({
          id: lc(a.id),
          principalId: lc(a.principalId),
          roleDefinitionId: lc(a.roleDefinitionId),
          directoryScopeId: normaliseDirectoryScope(a.directoryScopeId),
          status: 'active',
          scopeIsAppId: true,
        })
      }
      return
    }
    case 'AZRoleEligibilityScheduleInstance': {
      const e = check('AZRoleEligibilityScheduleInstance', rec)
      c.addDirectoryRoleAssignment({
        id: lc(e.id),
        principalId: lc(e.principalId),
        roleDefinitionId: lc(e.roleDefinitionId),
        directoryScopeId: normaliseDirectoryScope(e.directoryScopeId),
        status: 'eligible',
        scopeIsAppId: true,
      })
      return
    }
    case 'AZRoleManagementPolicyAssignment': {
      const p = check('AZRoleManagementPolicyAssignment', rec)
      c.addRoleManagementPolicy({
        id: lc(p.roleDefinitionId),
        roleDefinitionId: lc(p.roleDefinitionId),
        requiresApproval: p.endUserAssignmentRequiresApproval === true,
        requiresMfa: p.endUserAssignmentRequiresMFA === true,
        requiresJustification: p.endUserAssignmentRequiresJustification === true,
        requiresTicketInformation: p.endUserAssignmentRequiresTicketInformation === true,
        approvers: [...(p.endUserAssignmentUserApprovers ?? []), ...(p.endUserAssignmentGroupApprovers ?? [])].map(lc),
      })
      return
    }
    case 'AZAppRoleAssignment': {
      const a = check('AZAppRoleAssignment', rec)
      c.addAppRoleAssignment({
        id: lc(a.id),
        principalId: lc(a.principalId),
        resourceId: lc(a.resourceId),
        appRoleId: lc(a.appRoleId),
        resourceAppId: a.appId ? lc(a.appId) : null,
      })
      return
    }
    case 'AZManagementGroup': {
      const mg = check('AZManagementGroup', rec)
      const tenantId = mg.properties?.tenantId ?? mg.tenantId
      if (!tenantId) {
        throw new CrownpathError('CP_ERR_INPUT_SHAPE', { file: rec.file, path: `${rec.path}.properties.tenantId`, expected: 'the tenant id (or a top-level `tenantId`)' })
      }
      const parent = mg.properties?.details?.parent?.id
      c.addManagementGroup({
        id: azureArmId(mg.id),
        name: mg.name,
        displayName: mg.properties?.displayName ?? null,
        tenantId: lc(tenantId),
        parentId: parent ? azureArmId(parent) : null,
      })
      return
    }
    case 'AZManagementGroupDescendant': {
      const d = check('AZManagementGroupDescendant', rec)
      c.addContainment(azureArmId(d.id), azureArmId(d.properties.parent.id))
      return
    }
    case 'AZSubscription': {
      const s = check('AZSubscription', rec)
      const id = azureArmId(s.id.startsWith('/') ? s.id : `/subscriptions/${s.id}`)
      const guid = parseArmScope(id).subscriptionId ?? lc(s.subscriptionId ?? s.id)
      c.addSubscription({ id, subscriptionId: guid, displayName: s.displayName ?? null, tenantId: lc(s.tenantId), parentId: null })
      return
    }
    case 'AZResourceGroup': {
      const rg = check('AZResourceGroup', rec)
      const id = azureArmId(rg.id)
      const sub = parseArmScope(id).subscriptionId
      if (!sub) {
        throw new CrownpathError('CP_ERR_INPUT_SHAPE', { file: rec.file, path: `${rec.path}.id`, expected: 'a resource group ARM id (`/subscriptions/<id>/resourceGroups/<name>`)' })
      }
      c.addResourceGroup({ id, name: rg.name ?? id.split('/').pop() ?? id, subscriptionId: sub, tags: stringTags(rg.tags) })
      return
    }
    case 'AZKeyVaultAccessPolicy': {
      const p = check('AZKeyVaultAccessPolicy', rec)
      c.addKeyVaultAccessPolicyEntry(p.keyVaultId, { objectId: p.objectId, applicationId: p.applicationId ?? null, permissions: p.permissions ?? null })
      return
    }
    default:
      c.countUnknownKind(rec.kind)
  }
}

/**
 * Transform AzureHound documents (any mix of versions and files of one dump)
 * into one InventoryPart. Throws CP_ERR_INPUT_SHAPE naming the file and JSON
 * path when an identifying field is missing or mistyped; unknown kinds and
 * dangling references become DataIssues.
 */
export function transformAzureHound(docs: readonly AzureHoundDocument[]): InventoryPart {
  const c = new AzureCollector()
  // Everything is read first; references are resolved in finish().
  for (const doc of docs) for (const rec of recordsOf(doc)) addRecord(c, rec)
  const { azure, issues } = c.finish(docs.map((d) => d.file).join(', '))
  return { sources: docs.map((d) => d.source), azure, issues }
}

/** For tests and docs: the record kinds this loader understands. */
export const AZUREHOUND_KINDS: readonly string[] = KNOWN_KINDS
