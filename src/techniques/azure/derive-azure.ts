/**
 * @module techniques/azure/derive-azure
 * The Azure provider deriver: every Entra and ARM object as a node, the
 * structural edges (containment, credentials), then every Azure technique
 * over one detection context, then the descriptive role holdings. Pure.
 */
import type { AzureInventory, DataIssue, Evidence, GraphEdge, GraphNode, Inventory, NonEmpty } from '../../model/index.js'
import { azureArmId, azureObjectId, hasUnreadableClaims, makeEdge, makeNode } from '../../model/index.js'
import { TIER_ZERO_ROLES, normaliseScope, parseDirectoryScope, scopeLevel, subscriptionOf } from '../../azure/index.js'
import type { DeriveOptions, DerivedGraph, ProviderDeriver } from '../derive.js'
import { makeExternalIdentityNode } from '../external/index.js'
import type { AzureTechniqueContext } from './context.js'
import { buildAzureTechniqueContext, isManagedIdentity } from './context.js'
import { AZURE_TECHNIQUES } from './index.js'
import { deriveRoleHoldings } from './role-holdings.js'

/** Structural evidence: a fact read from the inventory. */
function fact(policy: string, note: string): NonEmpty<Evidence> {
  return [{ type: 'inventory', policy, note }]
}

/** Principals holding Global Administrator or Privileged Role Administrator, active and tenant-wide (and the members of a group that holds it). */
function tierZeroPrincipals(azure: AzureInventory): Set<string> {
  const out = new Set<string>()
  const members = new Map(azure.groups.map((g) => [g.id.toLowerCase(), g.members.map((m) => m.toLowerCase())]))
  for (const a of azure.directoryRoleAssignments) {
    if (a.status !== 'active' || !TIER_ZERO_ROLES.includes(a.roleDefinitionId.toLowerCase())) continue
    if (parseDirectoryScope(a.directoryScopeId).kind !== 'tenant') continue
    const id = a.principalId.toLowerCase()
    out.add(id)
    // Entra roles do not nest: only direct members of a role-assignable group hold its role.
    for (const m of members.get(id) ?? []) out.add(m)
  }
  return out
}

/** A scope node for an ARM id the inventory references but does not describe. */
function stubScopeNode(id: string, tenantId: string | null): GraphNode | null {
  const sub = subscriptionOf(id)
  switch (scopeLevel(id)) {
    case 'managementGroup':
      return tenantId ? makeNode({ id, kind: 'AZManagementGroup', name: id.split('/').pop() ?? id, properties: { tenantId, isStub: true } }) : null
    case 'subscription':
      return sub ? makeNode({ id, kind: 'AZSubscription', name: sub, account: sub, properties: { subscriptionId: sub, isStub: true } }) : null
    case 'resourceGroup':
      return sub ? makeNode({ id, kind: 'AZResourceGroup', name: id.split('/').pop() ?? id, account: sub, properties: { subscriptionId: sub, isStub: true } }) : null
    case 'resource': {
      const parts = id.split('/')
      const type = parts.length >= 9 ? `${parts[6]}/${parts[7]}` : 'unknown'
      return sub ? makeNode({ id, kind: 'AZResource', name: parts[parts.length - 1] ?? id, account: sub, properties: { subscriptionId: sub, resourceType: type, isStub: true } }) : null
    }
    case 'root':
      return null
  }
}

/** Build every Azure node and the structural edges. */
function structure(azure: AzureInventory, options: DeriveOptions, tenantId: string | null): { nodes: Map<string, GraphNode>; edges: GraphEdge[] } {
  const nodes = new Map<string, GraphNode>()
  const edges: GraphEdge[] = []
  const add = (n: GraphNode): void => {
    if (!nodes.has(n.id)) nodes.set(n.id, n)
  }
  const tierZero = tierZeroPrincipals(azure)
  const devices = azure.devices ?? []
  const tenants = new Set<string>([...azure.tenants.map((t) => t.id.toLowerCase()), ...devices.map((d) => d.tenantId.toLowerCase()), ...(tenantId ? [tenantId] : [])])
  for (const t of tenants) {
    const known = azure.tenants.find((x) => x.id.toLowerCase() === t)
    add(makeNode({ id: azureObjectId(t), kind: 'AZTenant', name: known?.displayName ?? known?.primaryDomain ?? t, account: t, properties: { tenantId: t, primaryDomain: known?.primaryDomain ?? null } }))
  }
  for (const u of azure.users) {
    const id = u.id.toLowerCase()
    add(makeNode({ id: azureObjectId(id), kind: 'AZUser', name: u.userPrincipalName, account: u.tenantId.toLowerCase(), isTierZero: tierZero.has(id), properties: { tenantId: u.tenantId.toLowerCase(), objectId: id, userPrincipalName: u.userPrincipalName, displayName: u.displayName, enabled: u.enabled, userType: u.userType, onPremisesSynced: u.onPremisesSynced } }))
  }
  for (const g of azure.groups) {
    const id = g.id.toLowerCase()
    add(makeNode({ id: azureObjectId(id), kind: 'AZGroup', name: g.displayName, account: g.tenantId.toLowerCase(), isTierZero: tierZero.has(id), properties: { tenantId: g.tenantId.toLowerCase(), objectId: id, isAssignableToRole: g.isAssignableToRole, securityEnabled: g.securityEnabled } }))
  }
  // Devices hang off their tenant, so control of the tenant reaches them (Intune scripts draw CanControl to them).
  for (const d of devices) {
    const id = d.id.toLowerCase()
    const t = d.tenantId.toLowerCase()
    add(makeNode({ id: azureObjectId(id), kind: 'AZDevice', name: d.displayName ?? id, account: t, properties: { tenantId: t, objectId: id, deviceId: d.deviceId?.toLowerCase() ?? null, operatingSystem: d.operatingSystem, trustType: d.trustType } }))
    edges.push(makeEdge({ from: azureObjectId(t), to: azureObjectId(id), kind: 'Contains', evidence: fact(id, 'device of the tenant') }))
  }
  const credentialOwners: { ownerNode: string; credentials: AzureInventory['apps'][number]['credentials']; ownerName: string }[] = []
  for (const sp of azure.servicePrincipals) {
    const id = sp.id.toLowerCase()
    add(makeNode({ id: azureObjectId(id), kind: isManagedIdentity(sp) ? 'AZManagedIdentity' : 'AZServicePrincipal', name: sp.displayName, account: sp.tenantId.toLowerCase(), isTierZero: tierZero.has(id), properties: { tenantId: sp.tenantId.toLowerCase(), objectId: id, appId: sp.appId.toLowerCase(), servicePrincipalType: sp.servicePrincipalType, appOwnerTenantId: sp.appOwnerTenantId } }))
    credentialOwners.push({ ownerNode: azureObjectId(id), credentials: sp.credentials, ownerName: sp.displayName })
  }
  for (const app of azure.apps) {
    const id = app.id.toLowerCase()
    add(makeNode({ id: azureObjectId(id), kind: 'AZApp', name: app.displayName, account: app.tenantId.toLowerCase(), properties: { tenantId: app.tenantId.toLowerCase(), objectId: id, appId: app.appId.toLowerCase() } }))
    credentialOwners.push({ ownerNode: azureObjectId(id), credentials: app.credentials, ownerName: app.displayName })
  }
  for (const { ownerNode, credentials, ownerName } of credentialOwners) {
    for (const c of credentials) {
      const cid = azureObjectId(c.id)
      add(makeNode({ id: cid, kind: 'AZCredential', name: c.displayName ?? `${c.type} of ${ownerName}`, properties: { credentialType: c.type, keyId: c.id.toLowerCase(), owner: ownerNode, startDate: c.startDate, endDate: c.endDate, issuer: c.issuer, subject: c.subject, claimsMatchingExpression: c.claimsMatching?.expression ?? null } }))
      const evidence: NonEmpty<Evidence> = c.type === 'federated'
        ? [{ type: 'federated-credential', policy: c.id.toLowerCase(), policyName: c.displayName, action: c.claimsMatching?.expression ?? c.subject, resource: c.issuer, note: `${c.claimsMatching ? 'flexible ' : ''}federated credential of ${ownerName}` }]
        : fact(c.id.toLowerCase(), `${c.type} of ${ownerName}`)
      edges.push(makeEdge({ from: cid, to: ownerNode, kind: 'AuthenticatesAs', evidence }))
      // A flexible credential whose expression could not be read trusts someone we cannot name: no identity node.
      if (c.type === 'federated' && c.issuer && !hasUnreadableClaims(c)) add(makeExternalIdentityNode(c.issuer, c.subject))
    }
  }
  // Managed identities the resources name but the SP list lacks.
  const tenantOf = (sub: string): string | null => azure.subscriptions.find((s) => s.subscriptionId.toLowerCase() === sub.toLowerCase())?.tenantId.toLowerCase() ?? tenantId
  for (const r of azure.resources) {
    for (const i of r.identities) {
      const t = tenantOf(r.subscriptionId)
      if (t) add(makeNode({ id: azureObjectId(i.principalId), kind: 'AZManagedIdentity', name: i.resourceId?.split('/').pop() ?? `${r.name} (system-assigned)`, account: t, properties: { tenantId: t, objectId: i.principalId.toLowerCase(), identityType: i.type, identityResourceId: i.resourceId } }))
    }
  }
  // ARM scopes.
  const mgIds = new Set(azure.managementGroups.map((m) => azureArmId(m.id)))
  for (const mg of azure.managementGroups) {
    const id = azureArmId(mg.id)
    add(makeNode({ id, kind: 'AZManagementGroup', name: mg.displayName ?? mg.name, account: mg.tenantId.toLowerCase(), properties: { tenantId: mg.tenantId.toLowerCase(), name: mg.name } }))
    const parent = mg.parentId ? azureArmId(mg.parentId) : null
    const from = parent && mgIds.has(parent) ? parent : azureObjectId(mg.tenantId)
    edges.push(makeEdge({ from, to: id, kind: 'Contains', evidence: fact(id, parent && mgIds.has(parent) ? 'child management group' : 'management group of the tenant') }))
  }
  for (const s of azure.subscriptions) {
    const id = azureArmId(s.id)
    const sub = s.subscriptionId.toLowerCase()
    add(makeNode({ id, kind: 'AZSubscription', name: s.displayName ?? sub, account: sub, properties: { subscriptionId: sub, tenantId: s.tenantId.toLowerCase() } }))
    const parent = s.parentId ? azureArmId(s.parentId) : null
    const from = parent && mgIds.has(parent) ? parent : azureObjectId(s.tenantId)
    edges.push(makeEdge({ from, to: id, kind: 'Contains', evidence: fact(id, 'subscription placement') }))
  }
  for (const rg of azure.resourceGroups) {
    const id = azureArmId(rg.id)
    const sub = rg.subscriptionId.toLowerCase()
    add(makeNode({ id, kind: 'AZResourceGroup', name: rg.name, account: sub, tags: rg.tags, properties: { subscriptionId: sub } }))
    edges.push(makeEdge({ from: `/subscriptions/${sub}`, to: id, kind: 'Contains', evidence: fact(id, 'resource group of the subscription') }))
  }
  for (const r of azure.resources) {
    const id = azureArmId(r.id)
    const sub = r.subscriptionId.toLowerCase()
    const props: Record<string, string | number | boolean | null> = { ...r.properties, subscriptionId: sub, resourceType: r.type }
    add(makeNode({ id, kind: 'AZResource', name: r.name, account: sub, tags: r.tags, classification: options.classifier(id, r.tags), properties: props }))
    edges.push(makeEdge({ from: azureArmId(r.resourceGroupId), to: id, kind: 'Contains', evidence: fact(id, 'resource of the resource group') }))
  }
  // Scopes named only by role assignments (an uncollected RG or resource) still get a node, so the edge stands.
  for (const a of azure.roleAssignments) {
    const id = normaliseScope(a.scope)
    if (id === '/' || nodes.has(id)) continue
    const stub = stubScopeNode(id, tenantId)
    if (stub) add(stub)
  }
  return { nodes, edges }
}

/** Merge two derivations of the same edge (two assignments, two roles): keep both reasons. */
function mergeInto(edges: Map<string, GraphEdge>, edge: GraphEdge): void {
  const existing = edges.get(edge.id)
  if (!existing) {
    edges.set(edge.id, edge)
    return
  }
  const seen = new Set(existing.evidence.map((e) => JSON.stringify(e)))
  const evidence = [...existing.evidence, ...edge.evidence.filter((e) => !seen.has(JSON.stringify(e)))] as unknown as NonEmpty<Evidence>
  const pick = !existing.conditional ? existing : !edge.conditional ? edge : existing.cost <= edge.cost ? existing : edge
  edges.set(edge.id, { ...pick, evidence })
}

/** Derive the Azure part of the graph. */
export function deriveAzure(inventory: Inventory, options: DeriveOptions): DerivedGraph {
  const azure = inventory.azure
  const issues: DataIssue[] = []
  const hasData = Object.values(azure).some((v) => Array.isArray(v) && v.length > 0)
  if (!hasData) return { nodes: [], edges: [], issues }
  const ctx: AzureTechniqueContext = buildAzureTechniqueContext(azure)
  const { nodes, edges: structural } = structure(azure, options, ctx.index.defaultTenantId)
  const edges = new Map<string, GraphEdge>()
  for (const e of structural) mergeInto(edges, e)
  for (const technique of AZURE_TECHNIQUES) {
    try {
      for (const input of technique.detect(ctx)) {
        if (input.from === input.to) continue
        mergeInto(edges, makeEdge(input))
      }
    } catch (error) {
      issues.push({ severity: 'error', where: technique.id, message: `technique failed: ${error instanceof Error ? error.message : String(error)}` })
    }
  }
  // Who holds which role: descriptive nodes and edges that path queries do not follow.
  const holdings = deriveRoleHoldings(ctx)
  for (const n of holdings.nodes) if (!nodes.has(n.id)) nodes.set(n.id, n)
  for (const e of holdings.edges) mergeInto(edges, e)
  for (const a of azure.directoryRoleAssignments) {
    if (parseDirectoryScope(a.directoryScopeId).kind === 'administrativeUnit') {
      issues.push({ severity: 'warning', where: a.id, message: `directory role assignment \`${a.id}\` is scoped to an administrative unit; AU membership is not collected, so it yields no edge` })
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()], issues }
}

/** The row for PROVIDER_DERIVERS. */
export const AZURE_DERIVER: ProviderDeriver = { name: 'azure', derive: deriveAzure }
