/**
 * `az` CLI export directory → inventory (test/fixtures/azure/corp/az-cli).
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadAzCli } from '../../../loaders/azure/index.js'
import type { AzureInventory } from '../../../src/model/index.js'

const DIR = join(import.meta.dirname, '../../fixtures/azure/corp/az-cli')
const T = 'aaaaaaaa-0000-4000-8000-000000000001'
const SUB = '11111111-2222-4333-8444-555555555555'
const RG = `/subscriptions/${SUB}/resourcegroups/rg-prod`
const BOB = '0b0b0000-0000-4000-8000-000000000002'
const CAROL = '0ca201e0-0000-4000-8000-000000000003'
const DAVE = '0da7e000-0000-4000-8000-000000000004'
const MG_OWNER_ASSIGNMENT = '/providers/microsoft.management/managementgroups/mg-corp/providers/microsoft.authorization/roleassignments/aa000000-0000-4000-8000-000000000001'

describe('az CLI exports', () => {
  it('reads every documented file into one inventory', async () => {
    const part = await loadAzCli(DIR)
    const a = part.azure as AzureInventory
    expect(part.issues).toEqual([])
    expect(a.tenants).toEqual([{ id: T, displayName: null, primaryDomain: null }])
    expect(a.users).toHaveLength(4)
    expect(a.groups.find((g) => g.displayName === 'Subscription Owners')?.members).toEqual([DAVE])
    expect(a.subscriptions).toEqual([{ id: `/subscriptions/${SUB}`, subscriptionId: SUB, displayName: 'prod', tenantId: T, parentId: null }])
    // apps.json + app-owners/<appId>.json + federated-credentials/<appId>.json, linked by appId
    expect(a.apps[0]).toMatchObject({ id: 'a0000000-0000-4000-8000-000000000021', owners: [CAROL] })
    expect(a.apps[0]?.credentials.map((c) => c.type)).toEqual(['secret', 'certificate', 'federated'])
    // 11 files read, each a source with its hash
    expect(part.sources).toHaveLength(11)
  })

  it('keeps principalType and ABAC conditions, and de-duplicates repeated assignments', async () => {
    const a = (await loadAzCli(DIR)).azure as AzureInventory
    expect(a.roleAssignments).toHaveLength(5)
    expect(a.roleAssignments.filter((r) => r.id === MG_OWNER_ASSIGNMENT)).toHaveLength(1)
    const rbacAdmin = a.roleAssignments.find((r) => r.principalId === BOB)!
    expect(rbacAdmin).toMatchObject({ scope: RG, principalType: 'User', roleDefinitionId: 'f58310d9-a9f6-439a-9e8d-f62e7b41a168' })
    expect(rbacAdmin.condition).toContain('ForAnyOfAnyValues:GuidEquals')
  })

  it('reads built-in and custom role definitions with their permissions', async () => {
    const a = (await loadAzCli(DIR)).azure as AzureInventory
    expect(a.roleDefinitions.map((d) => [d.roleName, d.isBuiltIn])).toEqual([
      ['Owner', true],
      ['Build VM Operator', false],
    ])
    expect(a.roleDefinitions[1]).toMatchObject({
      id: 'c0570000-0000-4000-8000-000000000071',
      permissions: [{ actions: ['Microsoft.Compute/virtualMachines/read', 'Microsoft.Compute/virtualMachines/runCommand/action'], notActions: [], dataActions: [], notDataActions: [] }],
      assignableScopes: [`/subscriptions/${SUB}`],
    })
  })

  it('finds managed identities through the SPs alternativeNames (no resource list in az ad output)', async () => {
    const a = (await loadAzCli(DIR)).azure as AzureInventory
    const vm = a.resources.find((r) => r.id === `${RG}/providers/microsoft.compute/virtualmachines/vm-build`)
    expect(vm).toMatchObject({ type: 'Microsoft.Compute/virtualMachines', subscriptionId: SUB, resourceGroupId: RG })
    expect(vm?.identities).toEqual([{ principalId: '50000000-0000-4000-8000-000000000025', type: 'SystemAssigned', resourceId: null }])
    const uami = `${RG}/providers/microsoft.managedidentity/userassignedidentities/uami-deploy`
    expect(a.resources.find((r) => r.id === uami)?.identities).toEqual([{ principalId: '50000000-0000-4000-8000-000000000026', type: 'UserAssigned', resourceId: uami }])
  })

  it('takes the tenant from the option when given', async () => {
    const a = (await loadAzCli(DIR, { tenantId: 'DDDDDDDD-0000-4000-8000-000000000009' })).azure as AzureInventory
    expect(a.users[0]?.tenantId).toBe('dddddddd-0000-4000-8000-000000000009')
  })
})
