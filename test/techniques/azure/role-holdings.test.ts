/**
 * The descriptive role holdings the Azure deriver records (src/techniques/azure/role-holdings.ts):
 * one AZRole node per held role, HasRole / EligibleForRole edges carrying every assignment, and
 * never a step of an attack path. Small fixtures; the demo tenant is covered by
 * test/cli/commands/who-holds.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { AZ_ROLE_IDS, ENTRA_ROLE_IDS } from '../../../src/azure/index.js'
import type { GraphEdge, Inventory } from '../../../src/model/index.js'
import { azureDirectoryRoleId, azureRbacRoleId, emptyInventory } from '../../../src/model/index.js'
import { openMemoryEngine } from '../../../src/paths/index.js'
import { deriveGraph } from '../../../src/techniques/index.js'
import { azureInventory, TENANT } from '../../helpers/azure-builders.js'

const SUB = '/subscriptions/11111111-0000-0000-0000-000000000001'
const RG = `${SUB}/resourceGroups/rg-app`
const REPORTS = azureDirectoryRoleId(ENTRA_ROLE_IDS.reportsReader, TENANT)
const APP_ADMIN = azureDirectoryRoleId(ENTRA_ROLE_IDS.applicationAdministrator, TENANT)
const READER = azureRbacRoleId(AZ_ROLE_IDS.reader)

function derive(azure: Parameters<typeof azureInventory>[0]): ReturnType<typeof deriveGraph> {
  const inventory: Inventory = { ...emptyInventory(), azure: azureInventory({ tenants: [{ id: TENANT }], subscriptions: [{ id: SUB }], resourceGroups: [{ id: RG }], ...azure }) }
  return deriveGraph(inventory, { now: new Date('2026-11-27T12:00:00Z') })
}

const holdingEdges = (edges: readonly GraphEdge[]): GraphEdge[] => edges.filter((e) => e.kind === 'HasRole' || e.kind === 'EligibleForRole')

describe('role holdings', () => {
  it('records an active directory role no technique uses, with the assignment as evidence', () => {
    const g = derive({ users: [{ id: 'u-rob' }], directoryRoleAssignments: [{ id: 'DRA-1', principalId: 'U-ROB', roleDefinitionId: ENTRA_ROLE_IDS.reportsReader }] })
    const role = g.nodes.find((n) => n.id === REPORTS)
    expect(role).toMatchObject({ kind: 'AZRole', name: 'Reports Reader', account: TENANT, properties: { roleId: ENTRA_ROLE_IDS.reportsReader, roleSystem: 'entra', isHeldThroughNestedGroups: false } })
    const [edge, ...rest] = holdingEdges(g.edges)
    expect(rest).toEqual([])
    expect(edge).toMatchObject({ from: 'azure:u-rob', to: REPORTS, kind: 'HasRole', technique: null, conditional: false, conditions: [] })
    expect(edge!.evidence).toEqual([
      { type: 'entra-role-assignment', policy: 'DRA-1', policyName: 'Reports Reader', action: ENTRA_ROLE_IDS.reportsReader, resource: `azure:${TENANT}`, note: 'active assignment of Reports Reader at directory scope `/`' },
    ])
  })

  it('records a PIM-eligible assignment as EligibleForRole with its activation requirements', () => {
    const g = derive({
      users: [{ id: 'u-carol' }],
      directoryRoleAssignments: [{ id: 'elig-1', principalId: 'u-carol', roleDefinitionId: ENTRA_ROLE_IDS.globalAdministrator, status: 'eligible' }],
      roleManagementPolicies: [{ roleDefinitionId: ENTRA_ROLE_IDS.globalAdministrator, requiresMfa: true, requiresApproval: true }],
    })
    const [edge] = holdingEdges(g.edges)
    expect(edge).toMatchObject({ kind: 'EligibleForRole', from: 'azure:u-carol', conditional: true })
    expect(edge!.conditions).toEqual([{ operator: 'PIM', key: 'azure:pimActivation', values: ['activation', 'mfa', 'approval'], policy: 'elig-1' }])
  })

  it('scopes an app-scoped directory role written with the appId to the app node', () => {
    const g = derive({
      users: [{ id: 'u-dev' }],
      apps: [{ id: 'app-obj', appId: 'client-1', displayName: 'payments' }],
      directoryRoleAssignments: [{ id: 'dra-app', principalId: 'u-dev', roleDefinitionId: ENTRA_ROLE_IDS.applicationAdministrator, directoryScopeId: '/client-1' }],
    })
    const edge = holdingEdges(g.edges).find((e) => e.to === APP_ADMIN)
    expect(edge?.evidence[0]?.resource).toBe('azure:app-obj')
  })

  it('names the same scope node in a technique edge\'s assignment evidence as in the holding edge', () => {
    const g = derive({
      users: [{ id: 'u-dev' }, { id: 'u-ops' }],
      apps: [{ id: 'app-obj', appId: 'client-1', displayName: 'payments' }],
      directoryRoleAssignments: [
        { id: 'dra-app', principalId: 'u-dev', roleDefinitionId: ENTRA_ROLE_IDS.applicationAdministrator, directoryScopeId: '/client-1' },
        { id: 'dra-tenant', principalId: 'u-ops', roleDefinitionId: ENTRA_ROLE_IDS.applicationAdministrator },
      ],
    })
    const resourceOf = (from: string, technique: string | null): string | null | undefined =>
      g.edges.find((e) => e.from === from && e.technique === technique && (technique !== null || e.to === APP_ADMIN))?.evidence.find((x) => x.type === 'entra-role-assignment')?.resource
    expect(resourceOf('azure:u-dev', 'azure/app-admin')).toBe('azure:app-obj')
    expect(resourceOf('azure:u-ops', 'azure/app-admin')).toBe(`azure:${TENANT}`)
    for (const from of ['azure:u-dev', 'azure:u-ops']) expect(resourceOf(from, 'azure/app-admin')).toBe(resourceOf(from, null))
  })

  it('keeps each RBAC assignment and its condition apart on one edge; one unconditional assignment makes the holding unconditional', () => {
    const g = derive({
      users: [{ id: 'u-ann' }],
      roleAssignments: [
        { id: 'ra-sub', principalId: 'u-ann', roleDefinitionId: AZ_ROLE_IDS.reader, scope: SUB, condition: "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'logs'" },
        { id: 'ra-rg', principalId: 'u-ann', roleDefinitionId: AZ_ROLE_IDS.reader, scope: RG },
      ],
    })
    const edges = holdingEdges(g.edges)
    expect(edges).toHaveLength(1)
    expect(edges[0]).toMatchObject({ kind: 'HasRole', to: READER, conditional: false })
    expect(edges[0]!.evidence.map((e) => [e.policy, e.resource])).toEqual([
      ['ra-sub', SUB],
      ['ra-rg', RG.toLowerCase()],
    ])
    expect(edges[0]!.conditions.map((c) => [c.policy, c.key])).toEqual([['ra-sub', 'azure:roleAssignmentCondition']])
    expect(g.nodes.find((n) => n.id === READER)).toMatchObject({ name: 'Reader', properties: { roleSystem: 'rbac', isHeldThroughNestedGroups: true } })
  })

  it('removing the assignment removes the holding and the role node (negative)', () => {
    const g = derive({ users: [{ id: 'u-rob' }], roleAssignments: [], directoryRoleAssignments: [] })
    expect(holdingEdges(g.edges)).toEqual([])
    expect(g.nodes.filter((n) => n.kind === 'AZRole')).toEqual([])
  })

  it('is never a step of an attack path: a Reports Reader is no privesc finding and reaches nothing through the role', async () => {
    const g = derive({ users: [{ id: 'u-rob' }], directoryRoleAssignments: [{ id: 'dra-1', principalId: 'u-rob', roleDefinitionId: ENTRA_ROLE_IDS.reportsReader }] })
    const engine = openMemoryEngine(g)
    expect((await engine.privesc()).findings).toEqual([])
    expect((await engine.shortestPaths({ from: 'azure:u-rob', to: REPORTS })).paths).toEqual([])
    expect((await engine.blastRadius({ from: 'azure:u-rob' })).totals).toEqual({ principals: 0, resources: 0, scopes: 0, tierZero: 0 })
    expect((await engine.roleHolders({ role: 'Reports Reader' })).holders.map((h) => h.id)).toEqual(['azure:u-rob'])
  })
})
