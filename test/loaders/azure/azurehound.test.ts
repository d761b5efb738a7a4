/**
 * AzureHound loader: golden facts of the `corp` fixture in three AzureHound
 * output styles (v2 envelope, v3 upper-cased NDJSON, older per-type files),
 * split dumps, and the quirks of shared/azurehound-format.md.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadAzureHound, transformAzureHound } from '../../../loaders/azure/index.js'
import type { AzureHoundDocument } from '../../../loaders/azure/index.js'
import type { AzureInventory, InventoryPart } from '../../../src/model/index.js'

const CORP = join(import.meta.dirname, '../../fixtures/azure/corp')
const V2 = join(CORP, 'azurehound-v2/azurehound.json')
const V3 = join(CORP, 'azurehound-v3/azurehound-stdout.ndjson')
const PER_TYPE = join(CORP, 'azurehound-per-type')

// Ids of the fixture (test/fixtures/azure/README.md).
const T = 'aaaaaaaa-0000-4000-8000-000000000001'
const SUB = '11111111-2222-4333-8444-555555555555'
const RG = `/subscriptions/${SUB}/resourcegroups/rg-prod`
const ALICE = '0a11ce00-0000-4000-8000-000000000001'
const BOB = '0b0b0000-0000-4000-8000-000000000002'
const CAROL = '0ca201e0-0000-4000-8000-000000000003'
const DAVE = '0da7e000-0000-4000-8000-000000000004'
const G_SUBOWN = '60000000-0000-4000-8000-000000000011'
const APP_OBJ = 'a0000000-0000-4000-8000-000000000021'
const APP_ID = 'c1000000-0000-4000-8000-000000000022'
const SP_DEPLOY = '50000000-0000-4000-8000-000000000023'
const SP_VM_MI = '50000000-0000-4000-8000-000000000025'
const SP_UAMI = '50000000-0000-4000-8000-000000000026'
const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'
const MG_CORP = '/providers/microsoft.management/managementgroups/mg-corp'
const VM = `${RG}/providers/microsoft.compute/virtualmachines/vm-build`
const UAMI = `${RG}/providers/microsoft.managedidentity/userassignedidentities/uami-deploy`
const KV = `${RG}/providers/microsoft.keyvault/vaults/kv-prod`
const MG_OWNER_ASSIGNMENT = `${MG_CORP}/providers/microsoft.authorization/roleassignments/aa000000-0000-4000-8000-000000000001`

function counts(a: Partial<AzureInventory>): Record<string, number> {
  return Object.fromEntries(Object.entries(a).map(([k, v]) => [k, (v as unknown[]).length]))
}

const azureOf = (part: InventoryPart): AzureInventory => part.azure as AzureInventory

/** Every id-like string in the inventory (object ids, ARM ids, scopes) must be lower case. */
function collectIds(a: AzureInventory): string[] {
  return [
    ...a.users.map((x) => x.id),
    ...a.groups.flatMap((x) => [x.id, x.tenantId, ...x.members, ...x.owners]),
    ...a.apps.flatMap((x) => [x.id, x.appId, ...x.owners, ...x.credentials.map((c) => c.id)]),
    ...a.servicePrincipals.flatMap((x) => [x.id, x.appId, ...x.owners]),
    ...a.resources.flatMap((x) => [x.id, x.resourceGroupId, x.subscriptionId, ...x.identities.map((i) => i.principalId)]),
    ...a.roleAssignments.flatMap((x) => [x.id, x.scope, x.principalId, x.roleDefinitionId]),
    // `/administrativeUnits/` keeps Graph's spelling; the id after it is lower case.
    ...a.directoryRoleAssignments.flatMap((x) => [x.principalId, x.roleDefinitionId, x.directoryScopeId.replace('/administrativeUnits/', '/')]),
    ...a.subscriptions.flatMap((x) => [x.id, x.parentId ?? '']),
    ...a.managementGroups.flatMap((x) => [x.id, x.parentId ?? '']),
  ]
}

/** The facts both the v2 and the v3 dump must yield. */
function expectCorpFacts(a: AzureInventory): void {
  expect(counts(a)).toEqual({
    tenants: 1,
    users: 4,
    groups: 2,
    apps: 1,
    servicePrincipals: 5,
    managementGroups: 2,
    subscriptions: 1,
    resourceGroups: 1,
    // 8 AzureHound resources (VM, vault, function, automation, logic app, AKS, ACR, storage) + the UAMI named by the VM
    resources: 9,
    roleDefinitions: 0,
    roleAssignments: 6,
    denyAssignments: 0,
    directoryRoleDefinitions: 1,
    directoryRoleAssignments: 4,
    appRoleAssignments: 1,
    devices: 1,
    keyVaultAccessPolicies: 2,
    roleManagementPolicies: 1,
  })
  for (const id of collectIds(a)) expect(id).toBe(id.toLowerCase())

  // Inherited assignment listed under MG, subscription and RG (and its case-variant VM scope) is kept once, with its real scope.
  const mgOwner = a.roleAssignments.filter((r) => r.id === MG_OWNER_ASSIGNMENT)
  expect(mgOwner).toEqual([
    { id: MG_OWNER_ASSIGNMENT, principalId: ALICE, principalType: 'User', roleDefinitionId: OWNER, scope: MG_CORP, condition: null, status: 'active' },
  ])
  // principalType is resolved from the collected objects (AzureHound drops it).
  expect(Object.fromEntries(a.roleAssignments.map((r) => [r.principalId, r.principalType]))).toMatchObject({
    [G_SUBOWN]: 'Group',
    [SP_UAMI]: 'ServicePrincipal',
    [DAVE]: 'User',
  })
  // A role assignment whose scope differs in case from the VM id lands on the same lower-cased scope.
  expect(a.roleAssignments.find((r) => r.roleDefinitionId === '9980e02c-c2be-4d73-94e8-173b1dc7cf3c')?.scope).toBe(VM)

  // App ↔ SP by appId; owners keyed by appId reach the app; credentials and the FIC are on the app.
  const app = a.apps[0]!
  expect(app).toMatchObject({ id: APP_OBJ, appId: APP_ID, tenantId: T, owners: [CAROL] })
  expect(app.credentials.map((c) => [c.id, c.type])).toEqual([
    ['5ec00000-0000-4000-8000-000000000031', 'secret'],
    ['ce400000-0000-4000-8000-000000000032', 'certificate'],
    ['f1c00000-0000-4000-8000-000000000041', 'federated'],
  ])
  expect(app.credentials[2]).toMatchObject({ issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:contoso/deploy:ref:refs/heads/main', audiences: ['api://AzureADTokenExchange'] })
  const sp = a.servicePrincipals.find((s) => s.appId === app.appId)!
  expect(sp).toMatchObject({ id: SP_DEPLOY, owners: [DAVE], servicePrincipalType: 'Application' })

  // Group members arrived before the group; the orgContact member is dropped.
  expect(a.groups.find((g) => g.id === G_SUBOWN)).toMatchObject({ members: [DAVE], owners: [CAROL], isAssignableToRole: false })

  // Managed identities discovered from the VM's identity block; the UAMI becomes a resource of its own.
  const vm = a.resources.find((r) => r.id === VM)!
  expect(vm.type).toBe('Microsoft.Compute/virtualMachines')
  expect(vm.identities).toEqual([
    { principalId: SP_VM_MI, type: 'SystemAssigned', resourceId: null },
    { principalId: SP_UAMI, type: 'UserAssigned', resourceId: UAMI },
  ])
  expect(a.resources.find((r) => r.id === UAMI)).toMatchObject({ type: 'Microsoft.ManagedIdentity/userAssignedIdentities', identities: [{ principalId: SP_UAMI }] })
  expect(a.servicePrincipals.find((s) => s.id === SP_VM_MI)).toMatchObject({ servicePrincipalType: 'ManagedIdentity', managedIdentityResourceIds: [VM] })

  // Directory roles: the app-scoped assignment (AzureHound writes `/<appId>`) points at the app object id.
  expect(a.directoryRoleAssignments.find((d) => d.principalId === BOB && d.status === 'active')?.directoryScopeId).toBe(`/${APP_OBJ}`)
  expect(a.directoryRoleAssignments.find((d) => d.status === 'eligible')).toMatchObject({ principalId: BOB, roleDefinitionId: 'e8611ab8-c189-46e8-94e1-60213ab1f814', directoryScopeId: '/' })
  // A pre-2024 administrative-unit scope is kept as such (not widened to the tenant).
  expect(a.directoryRoleAssignments.find((d) => d.roleDefinitionId === '729827e3-9c14-49f7-bb1b-9608f156bbb8')?.directoryScopeId).toBe(
    '/administrativeUnits/a0000000-0000-4000-8000-0000000000a1',
  )
  expect(a.devices).toEqual([
    { id: 'de000000-0000-4000-8000-000000000081', deviceId: 'de000000-0000-4000-8000-000000000082', tenantId: T, displayName: 'CORP-LAPTOP-01', operatingSystem: 'Windows', trustType: 'AzureAd' },
  ])
  expect(a.roleManagementPolicies?.[0]).toMatchObject({ requiresApproval: true, requiresMfa: true, approvers: [ALICE] })
  expect(a.appRoleAssignments[0]).toMatchObject({ principalId: SP_DEPLOY, appRoleValue: 'Application.ReadWrite.All' })

  // Hierarchy: MG parent from details.parent, subscription parent from the (repeated) descendant records.
  expect(a.subscriptions[0]).toMatchObject({ id: `/subscriptions/${SUB}`, subscriptionId: SUB, parentId: MG_CORP, tenantId: T })
  expect(a.managementGroups.find((m) => m.id === MG_CORP)?.parentId).toBe(`/providers/microsoft.management/managementgroups/${T}`)

  // Key Vault: the RBAC flag and both access-policy sources (inline and AZKeyVaultAccessPolicy).
  expect(a.resources.find((r) => r.id === KV)?.properties['enableRbacAuthorization']).toBe(false)
  expect(a.keyVaultAccessPolicies?.map((p) => [p.objectId, p.secrets, p.keys])).toEqual([
    [SP_DEPLOY, ['Get', 'List'], []],
    [DAVE, [], ['all']],
  ])
  const aks = a.resources.find((r) => r.type === 'Microsoft.ContainerService/managedClusters')!
  expect(aks.properties['nodeResourceGroupId']).toBe(`/subscriptions/${SUB}/resourcegroups/mc_rg-prod_aks-prod_westeurope`)
  expect(a.users.find((u) => u.id === CAROL)?.onPremisesSecurityIdentifier).toBe('S-1-5-21-1111111111-2222222222-3333333333-1104')
}

describe('AzureHound v2 envelope', () => {
  it('yields the corp facts', async () => {
    const part = await loadAzureHound([V2])
    expectCorpFacts(azureOf(part))
    expect(part.sources?.[0]).toMatchObject({ loader: 'azurehound', location: V2 })
    expect(part.sources?.[0]?.sha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('reports the unknown kind and the unsupported member as warnings, not errors', async () => {
    const part = await loadAzureHound([V2])
    expect(part.issues?.map((i) => i.severity)).toEqual(['warning', 'warning'])
    expect(part.issues?.map((i) => i.message).join('\n')).toMatch(/unknown kind `AZSomethingNew`/)
    expect(part.issues?.map((i) => i.message).join('\n')).toMatch(/#microsoft\.graph\.orgContact/)
  })
})

describe('AzureHound v3 (upper-cased ids, NDJSON stdout)', () => {
  it('yields the same inventory as the v2 dump', async () => {
    const v3 = azureOf(await loadAzureHound([V3]))
    expectCorpFacts(v3)
    expect(v3).toEqual(azureOf(await loadAzureHound([V2])))
  })
})

describe('a dump split across files, records in any order', () => {
  it('equals the single-file load', async () => {
    const doc = JSON.parse(readFileSync(V2, 'utf8')) as { data: { kind: string }[] }
    // Reverse order and split: ARM records first, Entra records second.
    const isArm = (r: { kind: string }) => /^AZ(ManagementGroup|Subscription|ResourceGroup|VM|KeyVault|Function|Automation|Logic|Managed|Container|Storage)/.test(r.kind)
    const source = { loader: 'azurehound', location: 'x', sha256: null, collectedAt: null }
    const docs: AzureHoundDocument[] = [
      { file: 'az-rm.json', format: 'json', content: { data: doc.data.filter(isArm).reverse(), meta: { type: 'azure' } }, source },
      { file: 'az-ad.json', format: 'ndjson', content: doc.data.filter((r) => !isArm(r)).reverse(), source },
    ]
    const split = azureOf(transformAzureHound(docs))
    const whole = azureOf(await loadAzureHound([V2]))
    const byId = <T extends { id: string }>(xs: readonly T[]) => [...xs].sort((x, y) => x.id.localeCompare(y.id))
    for (const key of Object.keys(whole) as (keyof AzureInventory)[]) {
      expect(byId(split[key] as unknown as { id: string }[]), key).toEqual(byId(whole[key] as unknown as { id: string }[]))
    }
  })
})

describe('older per-type files (meta.type = azusers, plain objects)', () => {
  it('reads PowerShell-style keys and the per-type role-assignment lists', async () => {
    const files = readdirSync(PER_TYPE).map((f) => join(PER_TYPE, f))
    const part = await loadAzureHound(files)
    const a = azureOf(part)
    expect(a.users.map((u) => u.id).sort()).toEqual([ALICE, BOB, CAROL, DAVE])
    expect(a.users.find((u) => u.id === ALICE)).toMatchObject({ userPrincipalName: 'alice@contoso-fixture.example', tenantId: T })
    expect(a.apps[0]?.owners).toEqual([CAROL])
    // Subscription and RG owner lists both repeat the MG-level owner: kept once.
    expect(a.roleAssignments.map((r) => r.id).sort()).toEqual([
      MG_OWNER_ASSIGNMENT,
      `/subscriptions/${SUB}/providers/microsoft.authorization/roleassignments/aa000000-0000-4000-8000-000000000002`,
    ])
    // The function app is known only from its managed identity's alternativeNames.
    expect(a.resources.find((r) => r.type === 'Microsoft.Web/sites')?.identities).toEqual([
      { principalId: '50000000-0000-4000-8000-000000000028', type: 'SystemAssigned', resourceId: null },
    ])
  })
})
