import { describe, expect, it } from 'vitest'
import { AZ_ROLE_IDS, createRbacEvaluator, EVERYONE_PRINCIPAL_ID } from '../../../src/azure/rbac/index.js'
import { azGroup, azMg, azSub, azureInventory, denyAssignment, roleAssignment, roleDefinition } from '../../helpers/azure-builders.js'

const MG_ROOT = '/providers/Microsoft.Management/managementGroups/6c12b0b0-1111-4a6b-8f00-000000000001'
const MG_PROD = '/providers/Microsoft.Management/managementGroups/mg-prod'
const SUB = '/subscriptions/aaaaaaaa-0000-0000-0000-000000000001'
const RG = `${SUB}/resourceGroups/rg-app`
const VM = `${RG}/providers/Microsoft.Compute/virtualMachines/vm-1`
const RUN = 'Microsoft.Compute/virtualMachines/runCommand/action'

const structure = {
  managementGroups: [azMg({ id: MG_ROOT }), azMg({ id: MG_PROD, parentId: MG_ROOT })],
  subscriptions: [azSub({ id: SUB, parentId: MG_PROD })],
}

describe('scope inheritance', () => {
  it('an assignment at a management group reaches a VM through the parent chain (any letter case)', () => {
    const rbac = createRbacEvaluator(
      azureInventory({ ...structure, roleAssignments: [roleAssignment({ id: 'ra-1', principalId: 'U1', roleDefinitionId: AZ_ROLE_IDS.contributor, scope: MG_ROOT.toUpperCase() })] }),
    )
    const result = rbac.evaluate({ principalId: 'u1', action: RUN, scope: VM.toUpperCase() })
    expect(result.decision).toBe('allowed')
    expect(result.grants[0]?.assignment.id).toBe('ra-1')
    expect(result.grants[0]?.pattern).toBe('*')
  })

  it('an assignment at a resource group does not reach a sibling resource group or the subscription', () => {
    const rbac = createRbacEvaluator(azureInventory({ ...structure, roleAssignments: [roleAssignment({ id: 'ra-1', principalId: 'u1', roleDefinitionId: AZ_ROLE_IDS.owner, scope: RG })] }))
    expect(rbac.evaluate({ principalId: 'u1', action: RUN, scope: `${SUB}/resourceGroups/rg-other/providers/Microsoft.Compute/virtualMachines/x` }).decision).toBe('implicitDeny')
    expect(rbac.evaluate({ principalId: 'u1', action: 'Microsoft.Resources/subscriptions/resourceGroups/write', scope: SUB }).decision).toBe('implicitDeny')
    expect(rbac.evaluate({ principalId: 'u1', action: RUN, scope: VM }).decision).toBe('allowed')
  })

  it('nested group membership carries assignments (Azure RBAC honours nesting)', () => {
    const rbac = createRbacEvaluator(
      azureInventory({
        ...structure,
        groups: [azGroup({ id: 'g-outer', members: ['g-inner'] }), azGroup({ id: 'g-inner', members: ['u1'] })],
        roleAssignments: [roleAssignment({ id: 'ra-1', principalId: 'g-outer', roleDefinitionId: AZ_ROLE_IDS.virtualMachineContributor, scope: SUB })],
      }),
    )
    const result = rbac.evaluate({ principalId: 'u1', action: RUN, scope: VM })
    expect(result.decision).toBe('allowed')
    expect(result.grants[0]?.viaGroup).toBe('g-outer')
  })
})

describe('Actions / NotActions / DataActions', () => {
  it('Contributor cannot write role assignments (NotActions) but Owner can', () => {
    const inv = azureInventory({
      ...structure,
      roleAssignments: [
        roleAssignment({ id: 'c', principalId: 'c1', roleDefinitionId: AZ_ROLE_IDS.contributor, scope: SUB }),
        roleAssignment({ id: 'o', principalId: 'o1', roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${AZ_ROLE_IDS.owner}`, scope: SUB }),
      ],
    })
    const rbac = createRbacEvaluator(inv)
    expect(rbac.evaluate({ principalId: 'c1', action: 'Microsoft.Authorization/roleAssignments/write', scope: RG }).decision).toBe('implicitDeny')
    expect(rbac.evaluate({ principalId: 'o1', action: 'microsoft.authorization/ROLEASSIGNMENTS/write', scope: RG }).decision).toBe('allowed')
  })

  it('NotActions is not a deny: a second role grants the excluded action', () => {
    const rbac = createRbacEvaluator(
      azureInventory({
        ...structure,
        roleAssignments: [
          roleAssignment({ id: 'c', principalId: 'u1', roleDefinitionId: AZ_ROLE_IDS.contributor, scope: SUB }),
          roleAssignment({ id: 'uaa', principalId: 'u1', roleDefinitionId: AZ_ROLE_IDS.userAccessAdministrator, scope: RG }),
        ],
      }),
    )
    const result = rbac.evaluate({ principalId: 'u1', action: 'Microsoft.Authorization/roleAssignments/write', scope: VM })
    expect(result.decision).toBe('allowed')
    expect(result.grants.map((g) => g.assignment.id)).toEqual(['uaa'])
  })

  it("Owner's * covers no data actions; Key Vault Secrets User's data action does", () => {
    const kv = `${RG}/providers/Microsoft.KeyVault/vaults/kv-1`
    const rbac = createRbacEvaluator(
      azureInventory({
        ...structure,
        roleAssignments: [
          roleAssignment({ id: 'o', principalId: 'o1', roleDefinitionId: AZ_ROLE_IDS.owner, scope: SUB }),
          roleAssignment({ id: 's', principalId: 's1', roleDefinitionId: AZ_ROLE_IDS.keyVaultSecretsUser, scope: kv }),
        ],
      }),
    )
    const action = 'Microsoft.KeyVault/vaults/secrets/getSecret/action'
    expect(rbac.evaluate({ principalId: 'o1', action, scope: kv, plane: 'data' }).decision).toBe('implicitDeny')
    expect(rbac.evaluate({ principalId: 's1', action, scope: `${kv}/secrets/db-password`, plane: 'data' }).decision).toBe('allowed')
    // A data action is not granted through the control plane list.
    expect(rbac.evaluate({ principalId: 's1', action, scope: kv, plane: 'control' }).decision).toBe('implicitDeny')
  })

  it('custom role definitions in the inventory win over the built-in table and honour mid-string wildcards', () => {
    const custom = roleDefinition({
      id: 'cccccccc-0000-0000-0000-000000000001',
      permissions: [{ actions: ['Microsoft.Compute/*/read', 'Microsoft.Compute/virtualMachines/*/action'], notActions: ['Microsoft.Compute/virtualMachines/deallocate/action'], dataActions: [], notDataActions: [] }],
    })
    const rbac = createRbacEvaluator(
      azureInventory({ ...structure, roleDefinitions: [custom], roleAssignments: [roleAssignment({ id: 'x', principalId: 'u1', roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${custom.id.toUpperCase()}`, scope: SUB })] }),
    )
    expect(rbac.evaluate({ principalId: 'u1', action: RUN, scope: VM }).grants[0]?.pattern).toBe('Microsoft.Compute/virtualMachines/*/action')
    expect(rbac.evaluate({ principalId: 'u1', action: 'Microsoft.Compute/virtualMachines/deallocate/action', scope: VM }).decision).toBe('implicitDeny')
    expect(rbac.evaluate({ principalId: 'u1', action: 'Microsoft.Compute/virtualMachines/write', scope: VM }).decision).toBe('implicitDeny')
  })

  it('an unknown role definition id grants nothing', () => {
    const rbac = createRbacEvaluator(azureInventory({ ...structure, roleAssignments: [roleAssignment({ id: 'x', principalId: 'u1', roleDefinitionId: 'dddddddd-0000-0000-0000-000000000000', scope: SUB })] }))
    expect(rbac.evaluate({ principalId: 'u1', action: 'Microsoft.Compute/virtualMachines/read', scope: VM }).decision).toBe('implicitDeny')
  })
})

describe('deny assignments', () => {
  const base = { ...structure, roleAssignments: [roleAssignment({ id: 'o', principalId: 'g1', roleDefinitionId: AZ_ROLE_IDS.owner, scope: SUB })], groups: [azGroup({ id: 'g1', members: ['u1', 'u2'] })] }
  const denyRun = { actions: ['Microsoft.Compute/virtualMachines/*'], notActions: [], dataActions: [], notDataActions: [] }

  it('an everyone deny with an exclusion blocks everyone but the excluded principal', () => {
    const rbac = createRbacEvaluator(azureInventory({ ...base, denyAssignments: [denyAssignment({ id: 'd1', scope: RG, permissions: [denyRun], principals: [EVERYONE_PRINCIPAL_ID], excludePrincipals: ['u2'] })] }))
    const denied = rbac.evaluate({ principalId: 'u1', action: RUN, scope: VM })
    expect(denied.decision).toBe('explicitDeny')
    expect(denied.deniedBy[0]?.denyAssignment.id).toBe('d1')
    expect(rbac.evaluate({ principalId: 'u2', action: RUN, scope: VM }).decision).toBe('allowed')
    // Outside the deny's scope the Owner grant stands.
    expect(rbac.evaluate({ principalId: 'u1', action: RUN, scope: `${SUB}/resourceGroups/rg-b/providers/Microsoft.Compute/virtualMachines/v` }).decision).toBe('allowed')
  })

  it('a deny naming a group blocks its members; actions outside the deny stay allowed', () => {
    const rbac = createRbacEvaluator(azureInventory({ ...base, denyAssignments: [denyAssignment({ id: 'd1', scope: SUB, permissions: [denyRun], principals: ['g1'] })] }))
    expect(rbac.evaluate({ principalId: 'u1', action: RUN, scope: VM }).decision).toBe('explicitDeny')
    expect(rbac.evaluate({ principalId: 'u1', action: 'Microsoft.KeyVault/vaults/write', scope: VM }).decision).toBe('allowed')
  })

  it('doNotApplyToChildScopes stops the deny at its own scope', () => {
    const rbac = createRbacEvaluator(azureInventory({ ...base, denyAssignments: [denyAssignment({ id: 'd1', scope: RG, permissions: [denyRun], principals: [EVERYONE_PRINCIPAL_ID], doNotApplyToChildScopes: true })] }))
    expect(rbac.evaluate({ principalId: 'u1', action: RUN, scope: RG }).decision).toBe('explicitDeny')
    expect(rbac.evaluate({ principalId: 'u1', action: RUN, scope: VM }).decision).toBe('allowed')
  })
})

describe('conditions and PIM', () => {
  it('an ABAC condition makes the grant conditional and names the expression', () => {
    const condition = "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'models'"
    const rbac = createRbacEvaluator(azureInventory({ ...structure, roleAssignments: [roleAssignment({ id: 'ra-c', principalId: 'u1', roleDefinitionId: AZ_ROLE_IDS.storageBlobDataReader, scope: SUB, condition })] }))
    const result = rbac.evaluate({ principalId: 'u1', action: 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read', scope: `${RG}/providers/Microsoft.Storage/storageAccounts/st1`, plane: 'data' })
    expect(result.decision).toBe('allowed')
    expect(result.conditional).toBe(true)
    expect(result.unresolvedConditions).toEqual([{ operator: 'ABAC', key: 'azure:roleAssignmentCondition', values: [condition], policy: 'ra-c' }])
  })

  it('a PIM eligible assignment is conditional on activation; an active one alongside wins', () => {
    const eligibleOnly = createRbacEvaluator(azureInventory({ ...structure, roleAssignments: [roleAssignment({ id: 'ra-e', principalId: 'u1', roleDefinitionId: AZ_ROLE_IDS.owner, scope: SUB, status: 'eligible' })] }))
    const e = eligibleOnly.evaluate({ principalId: 'u1', action: RUN, scope: VM })
    expect(e.conditional).toBe(true)
    expect(e.unresolvedConditions[0]).toMatchObject({ operator: 'PIM', key: 'azure:pimActivation', values: ['activation'], policy: 'ra-e' })
    const both = createRbacEvaluator(
      azureInventory({
        ...structure,
        roleAssignments: [
          roleAssignment({ id: 'ra-e', principalId: 'u1', roleDefinitionId: AZ_ROLE_IDS.owner, scope: SUB, status: 'eligible' }),
          roleAssignment({ id: 'ra-a', principalId: 'u1', roleDefinitionId: AZ_ROLE_IDS.virtualMachineContributor, scope: RG }),
        ],
      }),
    )
    const b = both.evaluate({ principalId: 'u1', action: RUN, scope: VM })
    expect(b.conditional).toBe(false)
    expect(b.grants.map((g) => g.assignment.id)).toEqual(['ra-a'])
  })
})
