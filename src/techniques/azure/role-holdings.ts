/**
 * @module techniques/azure/role-holdings
 * Who holds which role, as descriptive graph elements: one AZRole node per
 * held Entra directory role (per tenant) or Azure RBAC role definition, and a
 * HasRole / EligibleForRole edge from each assignee to it carrying every
 * assignment as evidence. These edges are not traversable (EDGE_KINDS), so
 * path search never walks them; `roleHolders` in src/paths reads them and
 * adds group members. Pure.
 *
 * Why a holding is not an attack step: see the header of ./index.ts.
 */
import type { ConditionRef, EdgeKind, Evidence, GraphEdge, GraphNode, NonEmpty } from '../../model/index.js'
import { azureDirectoryRoleId, azureRbacRoleId, makeEdge, makeNode } from '../../model/index.js'
import { assignmentConditions, pimActivationCondition, roleDefinitionGuid } from '../../azure/index.js'
import type { AzureTechniqueContext } from './context.js'
import { objectNode, scopeNode } from './context.js'
import { directoryRoleDefinitions, directoryRoleName, directoryScopeNode, tenantOf } from './shared.js'

/** One assignment on its way to a holding edge. */
interface Holding {
  readonly from: string
  readonly role: string
  readonly kind: EdgeKind
  readonly evidence: Evidence
  readonly conditions: readonly ConditionRef[]
}

/** Role nodes and holding edges for every Entra directory and Azure RBAC role assignment. */
export function deriveRoleHoldings(ctx: AzureTechniqueContext): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes = new Map<string, GraphNode>()
  const holdings: Holding[] = []
  const definitions = directoryRoleDefinitions(ctx)

  // Entra directory roles: direct members of a role-assignable group hold its roles; groups
  // cannot be nested into such groups, so members are not followed further (isHeldThroughNestedGroups).
  // https://learn.microsoft.com/entra/identity/role-based-access-control/groups-concept
  for (const a of ctx.inventory.directoryRoleAssignments) {
    const tenantId = tenantOf(ctx, a.principalId)
    if (!tenantId) continue
    const roleId = a.roleDefinitionId.toLowerCase()
    const role = azureDirectoryRoleId(roleId, tenantId)
    const definition = definitions.get(roleId)
    const name = directoryRoleName(ctx, roleId)
    if (!nodes.has(role)) {
      nodes.set(role, makeNode({ id: role, kind: 'AZRole', name, account: tenantId, properties: { roleId, roleSystem: 'entra', tenantId, isBuiltIn: definition?.isBuiltIn ?? null, isHeldThroughNestedGroups: false } }))
    }
    const isEligible = a.status === 'eligible'
    holdings.push({
      from: objectNode(a.principalId),
      role,
      kind: isEligible ? 'EligibleForRole' : 'HasRole',
      evidence: {
        type: 'entra-role-assignment',
        policy: a.id,
        policyName: name,
        action: roleId,
        resource: directoryScopeNode(ctx, a.directoryScopeId, tenantId),
        note: `${isEligible ? 'PIM-eligible' : 'active'} assignment of ${name} at directory scope \`${a.directoryScopeId || '/'}\``,
      },
      conditions: isEligible ? [pimActivationCondition(a.id, ctx.index.rolePolicies.get(roleId))] : [],
    })
  }

  // Azure RBAC: Azure honours nested groups, so members are followed transitively.
  // https://learn.microsoft.com/azure/role-based-access-control/overview#groups
  for (const a of ctx.rbac.assignments) {
    const guid = roleDefinitionGuid(a.roleDefinitionId)
    const role = azureRbacRoleId(guid)
    const resolved = ctx.rbac.roles.resolve(guid)
    const name = resolved?.definition.roleName ?? guid
    if (!nodes.has(role)) {
      nodes.set(role, makeNode({ id: role, kind: 'AZRole', name, properties: { roleId: guid, roleSystem: 'rbac', isBuiltIn: resolved?.definition.isBuiltIn ?? null, isHeldThroughNestedGroups: true } }))
    }
    const isEligible = a.status === 'eligible'
    holdings.push({
      from: objectNode(a.principalId),
      role,
      kind: isEligible ? 'EligibleForRole' : 'HasRole',
      evidence: {
        type: 'azure-role-assignment',
        policy: a.id,
        policyName: name,
        action: guid,
        resource: scopeNode(a.scope, ctx.index.defaultTenantId),
        note: `${isEligible ? 'PIM-eligible' : 'active'} assignment of ${name} at \`${a.scope}\`${a.condition ? ' with an ABAC condition' : ''}`,
      },
      conditions: assignmentConditions(a),
    })
  }

  // One edge per (assignee, status, role): every assignment is an evidence item and keeps its own
  // conditions (ConditionRef.policy = the assignment id), so the query can tell them apart.
  const grouped = new Map<string, Holding[]>()
  for (const h of holdings) {
    const key = `${h.from}|${h.kind}|${h.role}`
    const list = grouped.get(key)
    if (list) list.push(h)
    else grouped.set(key, [h])
  }
  const edges: GraphEdge[] = []
  for (const list of grouped.values()) {
    const first = list[0]!
    const evidence = list.map((h) => h.evidence) as unknown as NonEmpty<Evidence>
    const conditions = list.flatMap((h) => h.conditions)
    // The holding is unconditional when one assignment is (an unconditional way always works);
    // the conditions of the others are kept all the same.
    const isConditional = list.every((h) => h.conditions.length > 0)
    edges.push(makeEdge({ from: first.from, to: first.role, kind: first.kind, evidence, conditions, conditional: isConditional }))
  }
  return { nodes: [...nodes.values()], edges }
}
