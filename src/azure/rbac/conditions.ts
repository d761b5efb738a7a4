/**
 * @module azure/rbac/conditions
 * What makes an Azure or Entra grant conditional, as ConditionRefs: an ABAC
 * condition on a role assignment, or a PIM eligible assignment that must be
 * activated first (with the activation requirements of the role's policy).
 * https://learn.microsoft.com/azure/role-based-access-control/conditions-overview
 * https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-how-to-change-default-settings
 */
import type { AzRoleManagementPolicy, ConditionRef } from '../../model/index.js'

/** Condition key of an ABAC condition on an Azure role assignment. */
export const ABAC_CONDITION_KEY = 'azure:roleAssignmentCondition'
/** Condition key of a PIM activation requirement. */
export const PIM_ACTIVATION_KEY = 'azure:pimActivation'

/** The ConditionRef of an ABAC condition expression written on an assignment. */
export function abacCondition(assignmentId: string, expression: string): ConditionRef {
  return { operator: 'ABAC', key: ABAC_CONDITION_KEY, values: [expression], policy: assignmentId }
}

/**
 * The ConditionRef of a PIM eligible assignment: the attacker must activate it,
 * subject to the role's policy. Without a known policy the requirement list is
 * `activation` alone (defaults can still require MFA; we do not guess).
 */
export function pimActivationCondition(assignmentId: string, policy: AzRoleManagementPolicy | null | undefined): ConditionRef {
  const values = ['activation']
  if (policy) {
    if (policy.requiresMfa) values.push('mfa')
    if (policy.requiresJustification) values.push('justification')
    if (policy.requiresTicketInformation) values.push('ticket')
    if (policy.requiresApproval) values.push(policy.approvers.length > 0 ? `approval:${policy.approvers.join(',')}` : 'approval')
  }
  return { operator: 'PIM', key: PIM_ACTIVATION_KEY, values, policy: assignmentId }
}
