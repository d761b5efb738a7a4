import { describe, expect, it } from 'vitest'
import { AZ_ROLE_IDS, ENTRA_ROLE_IDS } from '../../../src/azure/index.js'
import type { GraphEdge, Inventory } from '../../../src/model/index.js'
import { EDGE_KINDS, compileClassifier, emptyInventory, externalIdentityId } from '../../../src/model/index.js'
import { deriveGraph } from '../../../src/techniques/index.js'
import { deriveAzure } from '../../../src/techniques/azure/index.js'
import { azureInventory, TENANT } from '../../helpers/azure-builders.js'

const SUB = '/subscriptions/11111111-0000-0000-0000-000000000001'
const RG = `${SUB}/resourceGroups/RG-ML`
const VM = `${RG}/providers/Microsoft.Compute/virtualMachines/vm-train`
const KV = `${RG}/providers/Microsoft.KeyVault/vaults/kv-ml`
const MG = '/providers/Microsoft.Management/managementGroups/mg-prod'
const GH = 'https://token.actions.githubusercontent.com'
const SUBJECT = 'repo:acme/ml-pipeline:ref:refs/heads/main'

function inventory(): Inventory {
  return {
    ...emptyInventory(),
    azure: azureInventory({
      tenants: [{ id: TENANT.toUpperCase(), displayName: 'Acme' }],
      users: [{ id: 'U-GA' }, { id: 'u-dev' }, { id: 'u-member' }],
      groups: [{ id: 'g-ga', isAssignableToRole: true, members: ['u-member'] }],
      apps: [{ id: 'app-ml', appId: 'client-ml', displayName: 'ml-pipeline', credentials: [{ id: 'FIC-ML', type: 'federated', issuer: GH, subject: SUBJECT }, { id: 'KEY-1', type: 'secret' }] }],
      servicePrincipals: [{ id: 'sp-ml', appId: 'CLIENT-ML' }, { id: 'mi-vm', appId: 'mi-client', servicePrincipalType: 'ManagedIdentity' }],
      managementGroups: [{ id: MG, tenantId: TENANT }],
      subscriptions: [{ id: SUB, parentId: MG }],
      resourceGroups: [{ id: RG }],
      resources: [
        { id: VM, type: 'Microsoft.Compute/virtualMachines', identities: [{ principalId: 'mi-vm', type: 'SystemAssigned', resourceId: null }] },
        { id: KV, type: 'Microsoft.KeyVault/vaults', tags: { DataClassification: 'restricted' }, properties: { enableRbacAuthorization: true } },
      ],
      directoryRoleAssignments: [
        { id: 'dra-ga', principalId: 'u-ga', roleDefinitionId: ENTRA_ROLE_IDS.globalAdministrator },
        { id: 'dra-g', principalId: 'g-ga', roleDefinitionId: ENTRA_ROLE_IDS.privilegedRoleAdministrator },
      ],
      roleAssignments: [
        { id: 'ra-vmc', principalId: 'u-dev', roleDefinitionId: AZ_ROLE_IDS.virtualMachineContributor, scope: VM },
        { id: 'ra-mi', principalId: 'mi-vm', roleDefinitionId: AZ_ROLE_IDS.owner, scope: SUB },
        { id: 'ra-ml', principalId: 'sp-ml', roleDefinitionId: AZ_ROLE_IDS.contributor, scope: RG },
        { id: 'ra-orphan', principalId: 'u-dev', roleDefinitionId: AZ_ROLE_IDS.reader, scope: `${SUB}/resourceGroups/not-collected` },
      ],
    }),
  }
}

/** Breadth-first reachability over the derived edges (the path engine is not imported here). */
function reaches(edges: readonly GraphEdge[], from: string, to: string): string[] | null {
  const prev = new Map<string, string>([[from, '']])
  const queue = [from]
  while (queue.length > 0) {
    const cur = queue.shift() as string
    if (cur === to) {
      const path = [cur]
      let p = prev.get(cur)
      while (p) {
        path.unshift(p)
        p = prev.get(p)
      }
      return path
    }
    for (const e of edges) if (e.from === cur && !prev.has(e.to)) {
      prev.set(e.to, cur)
      queue.push(e.to)
    }
  }
  return null
}

describe('deriveAzure', () => {
  const options = { classifier: compileClassifier(), now: new Date('2026-11-27T00:00:00Z') }
  const graph = deriveAzure(inventory(), options)
  const node = (id: string) => graph.nodes.find((n) => n.id === id)

  it('builds lower-cased nodes of the right kinds, credentials addressable by key id', () => {
    expect(node(`azure:${TENANT}`)?.kind).toBe('AZTenant')
    expect(node('azure:u-ga')?.kind).toBe('AZUser')
    expect(node('azure:mi-vm')?.kind).toBe('AZManagedIdentity')
    expect(node('azure:fic-ml')).toMatchObject({ kind: 'AZCredential', properties: { credentialType: 'federated' } })
    expect(node('azure:key-1')?.kind).toBe('AZCredential')
    expect(node(VM.toLowerCase())?.kind).toBe('AZResource')
    expect(node(`${SUB}/resourcegroups/not-collected`)?.properties['isStub']).toBe(true)
  })

  it('classifies resources with the classifier and marks active GA / PRA holders (and the group members) tier zero', () => {
    expect(node(KV.toLowerCase())?.classification).toBe('restricted')
    expect(node('azure:u-ga')?.isTierZero).toBe(true)
    expect(node('azure:g-ga')?.isTierZero).toBe(true)
    expect(node('azure:u-member')?.isTierZero).toBe(true)
    expect(node('azure:u-dev')?.isTierZero).toBe(false)
  })

  it('links the federated credential to an ExternalIdentity with the shared id', () => {
    const ext = externalIdentityId(GH, SUBJECT)
    expect(node(ext)?.kind).toBe('ExternalIdentity')
    expect(graph.edges.find((e) => e.from === ext && e.to === 'azure:fic-ml')?.technique).toBe('azure/federated-credential')
    expect(graph.edges.find((e) => e.from === 'azure:fic-ml' && e.to === 'azure:app-ml')?.kind).toBe('AuthenticatesAs')
  })

  it('chains VM Contributor → VM → managed identity → Owner of the subscription', () => {
    expect(reaches(graph.edges, 'azure:u-dev', SUB)).toEqual(['azure:u-dev', VM.toLowerCase(), 'azure:mi-vm', SUB])
  })

  it('chains a push to the repository → app → SP → (Contributor of the ML resource group) → the VM there', () => {
    const path = reaches(graph.edges, externalIdentityId(GH, SUBJECT), VM.toLowerCase())
    expect(path).toEqual([externalIdentityId(GH, SUBJECT), 'azure:fic-ml', 'azure:app-ml', 'azure:sp-ml', VM.toLowerCase()])
    // Contributor is not admin of the (tier-zero) resource group itself.
    expect(graph.edges.some((e) => e.from === 'azure:sp-ml' && e.to === RG.toLowerCase())).toBe(false)
  })

  it('contains tenant → management group → subscription → resource group → resource', () => {
    expect(reaches(graph.edges.filter((e) => e.kind === 'Contains'), `azure:${TENANT}`, KV.toLowerCase())).toEqual([`azure:${TENANT}`, MG.toLowerCase(), SUB, RG.toLowerCase(), KV.toLowerCase()])
  })

  it('runs inside deriveGraph with every endpoint present', () => {
    const all = deriveGraph(inventory(), options)
    expect(all.issues.filter((i) => i.message.startsWith('edge dropped'))).toEqual([])
    expect(all.nodes.some((n) => n.id === `azure:${TENANT}`)).toBe(true)
  })

  it('returns nothing for an inventory without Azure data', () => {
    expect(deriveAzure(emptyInventory(), options)).toEqual({ nodes: [], edges: [], issues: [] })
  })
})

describe('deriveAzure: Intune devices and AKS clusters', () => {
  const options = { classifier: compileClassifier(), now: new Date('2026-11-27T00:00:00Z') }
  const AKS = `${RG}/providers/Microsoft.ContainerService/managedClusters/aks-ml`
  const KUBELET = `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks-ml-agentpool`
  const graph = deriveAzure(
    {
      ...emptyInventory(),
      azure: azureInventory({
        tenants: [{ id: TENANT }],
        users: [{ id: 'u-intune' }, { id: 'u-aks' }],
        devices: [{ id: 'DEV-WIN', displayName: 'LAPTOP-42', operatingSystem: 'Windows', deviceId: 'D1' }, { id: 'dev-mac', operatingSystem: 'MacMDM' }],
        directoryRoleAssignments: [{ id: 'dra-intune', principalId: 'u-intune', roleDefinitionId: ENTRA_ROLE_IDS.intuneAdministrator }],
        subscriptions: [{ id: SUB }],
        resourceGroups: [{ id: RG }],
        resources: [{ id: AKS, type: 'Microsoft.ContainerService/managedClusters', identities: [{ principalId: 'mi-kubelet', type: 'UserAssigned', resourceId: KUBELET }] }],
        roleAssignments: [
          { id: 'ra-aks', principalId: 'u-aks', roleDefinitionId: AZ_ROLE_IDS.aksClusterAdmin, scope: AKS },
          { id: 'ra-kubelet', principalId: 'mi-kubelet', roleDefinitionId: AZ_ROLE_IDS.owner, scope: SUB },
        ],
      }),
    },
    options,
  )

  it('draws every device as an AZDevice node contained by its tenant', () => {
    const win = graph.nodes.find((n) => n.id === 'azure:dev-win')
    expect(win?.kind).toBe('AZDevice')
    expect(win?.properties).toMatchObject({ tenantId: TENANT, operatingSystem: 'Windows', deviceId: 'd1' })
    expect(graph.nodes.find((n) => n.id === 'azure:dev-mac')?.kind).toBe('AZDevice')
    for (const d of ['azure:dev-win', 'azure:dev-mac']) {
      expect(graph.edges.some((e) => e.kind === 'Contains' && e.from === `azure:${TENANT}` && e.to === d)).toBe(true)
    }
  })

  it('ends the Intune Administrator edge at the Windows device (what it runs as is not collected)', () => {
    // Attack edges only: the descriptive HasRole edge to the Intune Administrator role node is not a step.
    const out = graph.edges.filter((e) => e.from === 'azure:u-intune' && EDGE_KINDS[e.kind].traversable)
    expect(out.map((e) => [e.kind, e.to, e.technique])).toEqual([['CanControl', 'azure:dev-win', 'azure/intune-execute-command']])
    expect(graph.edges.filter((e) => e.from === 'azure:dev-win')).toEqual([])
  })

  it('chains AKS Cluster Admin Role → cluster → kubelet identity → Owner of the subscription', () => {
    expect(reaches(graph.edges, 'azure:u-aks', SUB)).toEqual(['azure:u-aks', AKS.toLowerCase(), 'azure:mi-kubelet', SUB])
  })
})
