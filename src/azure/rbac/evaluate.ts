/**
 * @module azure/rbac/evaluate
 * Effective Azure RBAC permissions of a principal at a scope: role
 * assignments of the principal and of every group it belongs to
 * (transitively: Azure RBAC honours nested groups), made at the scope or any
 * scope above it, whose role's Actions minus NotActions (or DataActions minus
 * NotDataActions) cover the operation; deny assignments subtract. Conditions
 * and PIM eligibility make a grant conditional rather than absent.
 * https://learn.microsoft.com/azure/role-based-access-control/overview#how-azure-rbac-determines-if-a-user-has-access-to-a-resource
 */
import type { AzDenyAssignment, AzRoleAssignment, AzRoleDefinition, AzureInventory, ConditionRef } from '../../model/index.js'
import type { ActionPlane } from './actions.js'
import { permissionsGrant } from './actions.js'
import { abacCondition, pimActivationCondition } from './conditions.js'
import type { RoleDefinitionResolver, RoleDefinitionSource } from './role-definitions.js'
import { createRoleDefinitionResolver } from './role-definitions.js'
import type { ScopeHierarchy } from './scope.js'
import { buildScopeHierarchy, normaliseScope } from './scope.js'

/** The decision vocabulary (the same words as the AWS evaluator, DESIGN.md). */
export type AzureDecision = 'allowed' | 'explicitDeny' | 'implicitDeny'

/** The principal id Azure uses in deny assignments for "all principals". */
export const EVERYONE_PRINCIPAL_ID = '00000000-0000-0000-0000-000000000000'

/** One authorisation question. */
export interface RbacRequest {
  /** Object id of a user, group or service principal (any case). */
  readonly principalId: string
  /** Operation string, e.g. `Microsoft.Compute/virtualMachines/runCommand/action`. */
  readonly action: string
  /** ARM scope the operation acts on (any case). */
  readonly scope: string
  /** `control` (Actions, the default) or `data` (DataActions). */
  readonly plane?: ActionPlane
}

/** A role assignment that grants the operation. */
export interface RbacGrant {
  readonly assignment: AzRoleAssignment
  readonly definition: AzRoleDefinition
  readonly definitionSource: RoleDefinitionSource
  /** The Actions / DataActions pattern that matched. */
  readonly pattern: string
  /** The group through which the principal holds the assignment; null when assigned directly. */
  readonly viaGroup: string | null
  /** Condition / PIM requirements; empty for an active, unconditional assignment. */
  readonly conditions: readonly ConditionRef[]
}

/** A deny assignment that blocks the operation. */
export interface RbacDeny {
  readonly denyAssignment: AzDenyAssignment
  readonly pattern: string
}

/** The answer, with its why. */
export interface RbacResult {
  readonly decision: AzureDecision
  /** True when `allowed` only once the conditions hold (ABAC condition, PIM activation). */
  readonly conditional: boolean
  readonly unresolvedConditions: readonly ConditionRef[]
  readonly grants: readonly RbacGrant[]
  readonly deniedBy: readonly RbacDeny[]
}

/** The evaluator over one inventory (indexes built once; every method is pure). */
export interface RbacEvaluator {
  readonly hierarchy: ScopeHierarchy
  readonly roles: RoleDefinitionResolver
  evaluate(request: RbacRequest): RbacResult
  /** Does this assignment's role cover the operation (scope not checked)? */
  grantOf(assignment: AzRoleAssignment, action: string, plane?: ActionPlane): RbacGrant | null
  /** The deny assignment that blocks `principalId` from the operation at `scope`, or null. */
  denyOf(principalId: string, action: string, scope: string, plane?: ActionPlane): RbacDeny | null
  /** True when some deny assignment covering the operation reaches `scope` (for any principal). */
  hasDenyFor(action: string, scope: string, plane?: ActionPlane): boolean
  /** The principal itself and every group it belongs to, transitively. */
  principalSetOf(principalId: string): readonly string[]
  /** Transitive non-group members of a group. */
  membersOf(groupId: string): readonly string[]
  /** Every role assignment (lower-cased ids), active and eligible. */
  readonly assignments: readonly AzRoleAssignment[]
}

/** Conditions attached to an assignment by itself (ABAC and/or PIM eligibility). */
export function assignmentConditions(assignment: AzRoleAssignment): ConditionRef[] {
  const out: ConditionRef[] = []
  if (assignment.condition) out.push(abacCondition(assignment.id, assignment.condition))
  // ARM PIM policies are not in the inventory: the activation requirement is stated, not detailed.
  if (assignment.status === 'eligible') out.push(pimActivationCondition(assignment.id, null))
  return out
}

function lowerAssignment(a: AzRoleAssignment): AzRoleAssignment {
  return { ...a, principalId: a.principalId.toLowerCase(), scope: normaliseScope(a.scope) }
}

/** Build an evaluator for an inventory. */
export function createRbacEvaluator(
  inventory: Pick<AzureInventory, 'managementGroups' | 'subscriptions' | 'roleDefinitions' | 'roleAssignments' | 'denyAssignments' | 'groups'>,
): RbacEvaluator {
  const hierarchy = buildScopeHierarchy(inventory)
  const roles = createRoleDefinitionResolver(inventory.roleDefinitions)
  const assignments = inventory.roleAssignments.map(lowerAssignment)
  const byPrincipal = new Map<string, AzRoleAssignment[]>()
  for (const a of assignments) {
    const list = byPrincipal.get(a.principalId) ?? []
    list.push(a)
    byPrincipal.set(a.principalId, list)
  }
  const groupIds = new Set(inventory.groups.map((g) => g.id.toLowerCase()))
  const directGroupsOf = new Map<string, string[]>()
  const directMembers = new Map<string, string[]>()
  for (const g of inventory.groups) {
    const gid = g.id.toLowerCase()
    directMembers.set(gid, g.members.map((m) => m.toLowerCase()))
    for (const m of g.members) {
      const list = directGroupsOf.get(m.toLowerCase()) ?? []
      list.push(gid)
      directGroupsOf.set(m.toLowerCase(), list)
    }
  }
  const denies = inventory.denyAssignments.map((d) => ({
    ...d,
    scope: normaliseScope(d.scope),
    principals: d.principals.map((p) => p.toLowerCase()),
    excludePrincipals: d.excludePrincipals.map((p) => p.toLowerCase()),
  }))

  const setCache = new Map<string, readonly string[]>()
  const principalSetOf = (principalId: string): readonly string[] => {
    const start = principalId.toLowerCase()
    const hit = setCache.get(start)
    if (hit) return hit
    const seen = new Set<string>([start])
    const queue = [start]
    // Breadth-first over memberships; the seen-set stops cycles in nested groups.
    while (queue.length > 0) {
      const current = queue.shift() as string
      for (const g of directGroupsOf.get(current) ?? []) {
        if (!seen.has(g)) {
          seen.add(g)
          queue.push(g)
        }
      }
    }
    const out = [...seen]
    setCache.set(start, out)
    return out
  }

  const membersOf = (groupId: string): readonly string[] => {
    const out = new Set<string>()
    const seen = new Set<string>([groupId.toLowerCase()])
    const queue = [groupId.toLowerCase()]
    while (queue.length > 0) {
      const current = queue.shift() as string
      for (const m of directMembers.get(current) ?? []) {
        if (seen.has(m)) continue
        seen.add(m)
        if (groupIds.has(m)) queue.push(m)
        else out.add(m)
      }
    }
    return [...out]
  }

  const grantOf = (assignment: AzRoleAssignment, action: string, plane: ActionPlane = 'control'): RbacGrant | null => {
    const resolved = roles.resolve(assignment.roleDefinitionId)
    if (!resolved) return null
    const pattern = permissionsGrant(resolved.definition.permissions, action, plane)
    if (pattern === null) return null
    return {
      assignment,
      definition: resolved.definition,
      definitionSource: resolved.source,
      pattern,
      viaGroup: null,
      conditions: assignmentConditions(assignment),
    }
  }

  /** Deny assignments whose scope reaches `scope` and whose permissions cover the operation. */
  const applicableDenies = (action: string, scope: string, plane: ActionPlane): RbacDeny[] => {
    const target = normaliseScope(scope)
    const ancestors = hierarchy.ancestorsOf(target)
    const out: RbacDeny[] = []
    for (const d of denies) {
      if (!ancestors.includes(d.scope)) continue
      // DoNotApplyToChildScopes stops the deny at its own scope.
      if (d.doNotApplyToChildScopes === true && d.scope !== target) continue
      const pattern = permissionsGrant(d.permissions, action, plane)
      if (pattern !== null) out.push({ denyAssignment: d, pattern })
    }
    return out
  }

  const denyOf = (principalId: string, action: string, scope: string, plane: ActionPlane = 'control'): RbacDeny | null => {
    const set = principalSetOf(principalId)
    for (const deny of applicableDenies(action, scope, plane)) {
      const d = deny.denyAssignment
      const applies = d.principals.includes(EVERYONE_PRINCIPAL_ID) || d.principals.some((p) => set.includes(p))
      // Exclusions name users, groups or SPs; a member of an excluded group is excluded.
      const excluded = d.excludePrincipals.some((p) => set.includes(p))
      if (applies && !excluded) return deny
    }
    return null
  }

  const evaluate = (request: RbacRequest): RbacResult => {
    const plane = request.plane ?? 'control'
    const deny = denyOf(request.principalId, request.action, request.scope, plane)
    if (deny) return { decision: 'explicitDeny', conditional: false, unresolvedConditions: [], grants: [], deniedBy: [deny] }
    const principal = request.principalId.toLowerCase()
    const ancestors = hierarchy.ancestorsOf(request.scope)
    const grants: RbacGrant[] = []
    for (const member of principalSetOf(principal)) {
      for (const a of byPrincipal.get(member) ?? []) {
        if (!ancestors.includes(a.scope)) continue
        const grant = grantOf(a, request.action, plane)
        if (grant) grants.push({ ...grant, viaGroup: member === principal ? null : member })
      }
    }
    if (grants.length === 0) return { decision: 'implicitDeny', conditional: false, unresolvedConditions: [], grants, deniedBy: [] }
    const unconditional = grants.filter((g) => g.conditions.length === 0)
    if (unconditional.length > 0) return { decision: 'allowed', conditional: false, unresolvedConditions: [], grants: unconditional, deniedBy: [] }
    return { decision: 'allowed', conditional: true, unresolvedConditions: grants.flatMap((g) => g.conditions), grants, deniedBy: [] }
  }

  return {
    hierarchy,
    roles,
    evaluate,
    grantOf,
    denyOf,
    hasDenyFor: (action, scope, plane = 'control') => applicableDenies(action, scope, plane).length > 0,
    principalSetOf,
    membersOf,
    assignments,
  }
}
