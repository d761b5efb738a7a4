/**
 * @module loaders/azure/transform/az-cli
 * `az` CLI JSON exports → InventoryPart. `az ad … list` prints Microsoft Graph
 * objects (az ≥ 2.37); `az role assignment list` prints flattened ARM role
 * assignments (with `principalType` and `condition`, which AzureHound lacks);
 * `az role definition list` prints role definitions with their permissions.
 * Pure: read.ts supplies the parsed files.
 */
import { Type } from 'typebox'
import type { InventoryPart, SourceRef } from '../../../src/model/index.js'
import { CrownpathError, checkShape } from '../../../src/model/index.js'
import {
  ArmRoleAssignmentSchema,
  ArmRoleDefinitionSchema,
  CliRoleAssignmentSchema,
  CliRoleDefinitionSchema,
  GRAPH_SCHEMAS,
} from '../schema.js'
import type { RoleAssignmentInput, RoleDefinitionInput } from './arm.js'
import { toRoleAssignment, toRoleDefinition } from './arm.js'
import { AzureCollector } from './collect.js'
import type { AppInput, GroupInput, ServicePrincipalInput, UserInput } from './entra.js'
import type { FederatedCredentialInput } from './entra.js'
import { directoryObjectIds, toApp, toFederatedCredential, toGroup, toServicePrincipal, toUser } from './entra.js'

/** One parsed JSON file. */
export interface AzCliFile {
  readonly file: string
  readonly content: unknown
  readonly sha256: string
}

/** A parsed `az` CLI export directory (see read.ts for the file names). */
export interface AzCliExport {
  readonly dir: string
  readonly files: Partial<
    Record<'roleAssignments' | 'roleDefinitions' | 'servicePrincipals' | 'apps' | 'users' | 'groups' | 'subscriptions' | 'tenant', AzCliFile>
  >
  readonly groupMembers: readonly (AzCliFile & { key: string })[]
  readonly groupOwners: readonly (AzCliFile & { key: string })[]
  readonly appOwners: readonly (AzCliFile & { key: string })[]
  readonly spOwners: readonly (AzCliFile & { key: string })[]
  readonly federatedCredentials: readonly (AzCliFile & { key: string })[]
}

const ArrayOfUnknown = Type.Array(Type.Unknown())
const TenantShow = Type.Object({ tenantId: Type.String({ minLength: 1 }) })
const AccountList = Type.Array(
  Type.Object({ id: Type.String({ minLength: 1 }), name: Type.Optional(Type.String()), tenantId: Type.String({ minLength: 1 }) }),
)

/** The items of a list file (a JSON array, or a Graph page `{ value: [...] }`). */
function itemsOf(f: AzCliFile): { items: unknown[]; base: string } {
  const c = f.content
  if (c !== null && typeof c === 'object' && !Array.isArray(c) && Array.isArray((c as { value?: unknown }).value)) {
    return { items: (c as { value: unknown[] }).value, base: '$.value' }
  }
  return { items: checkShape<unknown[]>(ArrayOfUnknown, c, f.file, '$'), base: '$' }
}

/** Each item of a list file, checked against `schema`. */
function eachChecked<T>(f: AzCliFile | undefined, schema: Parameters<typeof checkShape>[0]): T[] {
  if (!f) return []
  const { items, base } = itemsOf(f)
  return items.map((item, i) => checkShape<T>(schema, item, f.file, `${base}[${i}]`))
}

/** A role assignment in either the flattened (az) or ARM (`properties`) shape. */
export function roleAssignmentInput(item: unknown, file: string, path: string): RoleAssignmentInput {
  if (item !== null && typeof item === 'object' && 'properties' in item) {
    const ra = checkShape<{ id: string; properties: Omit<RoleAssignmentInput, 'id'> }>(ArmRoleAssignmentSchema, item, file, path)
    return { id: ra.id, ...ra.properties }
  }
  return checkShape<RoleAssignmentInput>(CliRoleAssignmentSchema, item, file, path)
}

/** A role definition in either the flattened (az) or ARM (`properties`) shape. */
export function roleDefinitionInput(item: unknown, file: string, path: string): RoleDefinitionInput {
  if (item !== null && typeof item === 'object' && 'properties' in item) {
    const d = checkShape<{ name: string; properties: Omit<RoleDefinitionInput, 'name'> & { type?: string | null } }>(
      ArmRoleDefinitionSchema,
      item,
      file,
      path,
    )
    return { name: d.name, ...d.properties, roleType: d.properties.type ?? null }
  }
  return checkShape<RoleDefinitionInput>(CliRoleDefinitionSchema, item, file, path)
}

/** The tenant the export belongs to: `tenant.json`, else the subscriptions' tenant, else the option. */
function tenantOf(x: AzCliExport, tenantOption: string | undefined): string {
  if (tenantOption) return tenantOption.toLowerCase()
  const t = x.files.tenant
  if (t) return checkShape<{ tenantId: string }>(TenantShow, t.content, t.file, '$').tenantId.toLowerCase()
  const s = x.files.subscriptions
  if (s) {
    const first = checkShape<{ tenantId: string }[]>(AccountList, s.content, s.file, '$')[0]
    if (first) return first.tenantId.toLowerCase()
  }
  throw new CrownpathError('CP_ERR_INPUT_FORMAT', {
    file: x.dir,
    reason: 'cannot tell the tenant: add `tenant.json` (`az account show`) or `subscriptions.json` (`az account list --all`), or pass the tenant id',
  })
}

/** Transform an `az` CLI export directory into an InventoryPart. */
export function transformAzCli(x: AzCliExport, options: { tenantId?: string } = {}): InventoryPart {
  const c = new AzureCollector()
  const tenantId = tenantOf(x, options.tenantId)
  c.addTenant({ id: tenantId, displayName: null, primaryDomain: null })

  for (const u of eachChecked<UserInput>(x.files.users, GRAPH_SCHEMAS.user)) c.addUser(toUser(u, tenantId))
  for (const g of eachChecked<GroupInput>(x.files.groups, GRAPH_SCHEMAS.group)) c.addGroup(toGroup(g, tenantId))
  for (const a of eachChecked<AppInput>(x.files.apps, GRAPH_SCHEMAS.application)) c.addApp(toApp(a, tenantId))
  for (const sp of eachChecked<ServicePrincipalInput>(x.files.servicePrincipals, GRAPH_SCHEMAS.servicePrincipal)) {
    c.addServicePrincipal(toServicePrincipal(sp, tenantId))
  }
  if (x.files.subscriptions) {
    const subs = checkShape<{ id: string; name?: string; tenantId: string }[]>(AccountList, x.files.subscriptions.content, x.files.subscriptions.file, '$')
    for (const s of subs) {
      const guid = s.id.toLowerCase()
      c.addSubscription({ id: `/subscriptions/${guid}`, subscriptionId: guid, displayName: s.name ?? null, tenantId: s.tenantId.toLowerCase(), parentId: null })
    }
  }

  // Membership and ownership: one file per object, named by its id.
  const directoryObjects = (f: AzCliFile) =>
    eachChecked<{ id: string; '@odata.type'?: string | null }>(f, GRAPH_SCHEMAS.directoryObject)
  const owned = (
    list: readonly (AzCliFile & { key: string })[],
    add: (key: string, ids: string[]) => void,
    what: string,
  ) => {
    for (const f of list) {
      const { ids, rejected } = directoryObjectIds(directoryObjects(f))
      if (rejected.length) c.warn(f.file, `${what} \`${f.key}\`: ignored objects of unsupported types: ${rejected.join(', ')}`)
      add(f.key.toLowerCase(), ids)
    }
  }
  owned(x.groupMembers, (k, ids) => c.addGroupMembers(k, ids), 'group')
  owned(x.groupOwners, (k, ids) => c.addGroupOwners(k, ids), 'group')
  owned(x.appOwners, (k, ids) => c.addAppOwners(k, ids), 'app')
  owned(x.spOwners, (k, ids) => c.addServicePrincipalOwners(k, ids), 'service principal')
  for (const f of x.federatedCredentials) {
    const fics = eachChecked<FederatedCredentialInput>(f, GRAPH_SCHEMAS.federatedIdentityCredential)
    const { base } = itemsOf(f)
    c.addAppFederatedCredentials(
      f.key.toLowerCase(),
      fics.map((fic, i) => toFederatedCredential(fic, (path, message) => c.warn(`${f.file} ${base}[${i}]${path}`, message))),
    )
  }

  const ra = x.files.roleAssignments
  if (ra) {
    const { items, base } = itemsOf(ra)
    items.forEach((item, i) => c.addRoleAssignment(toRoleAssignment(roleAssignmentInput(item, ra.file, `${base}[${i}]`))))
  }
  const rd = x.files.roleDefinitions
  if (rd) {
    const { items, base } = itemsOf(rd)
    items.forEach((item, i) => c.addRoleDefinition(toRoleDefinition(roleDefinitionInput(item, rd.file, `${base}[${i}]`))))
  }

  const { azure, issues } = c.finish(x.dir)
  const all = [
    ...Object.values(x.files),
    ...x.groupMembers,
    ...x.groupOwners,
    ...x.appOwners,
    ...x.spOwners,
    ...x.federatedCredentials,
  ].filter((f): f is AzCliFile => f !== undefined)
  const sources: SourceRef[] = all.map((f) => ({ loader: 'az-cli', location: f.file, sha256: f.sha256, collectedAt: null }))
  return { sources, azure, issues }
}
