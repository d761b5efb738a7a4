/**
 * @module azure/rbac/actions
 * Matching Azure RBAC action strings against the patterns in a role
 * definition's Actions / NotActions / DataActions / NotDataActions.
 */
import type { AzPermission } from '../../model/index.js'

/** Which plane an action belongs to: control (ARM `Actions`) or data (`DataActions`). */
export type ActionPlane = 'control' | 'data'

const compiled = new Map<string, RegExp>()

/**
 * True when `pattern` covers `action`. Azure compares operation strings
 * case-insensitively and `*` stands for any run of characters, '/' included
 * (`Microsoft.Compute/*`, `*​/read`, `Microsoft.Network/*​/read`).
 * https://learn.microsoft.com/azure/role-based-access-control/role-definitions#actions-format
 */
export function matchesAction(pattern: string, action: string): boolean {
  const key = pattern.toLowerCase()
  let re = compiled.get(key)
  if (!re) {
    const body = key.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')
    re = new RegExp(`^${body}$`)
    compiled.set(key, re)
  }
  return re.test(action.toLowerCase())
}

/** The pattern of a permission block that grants `action`, or null. */
export function permissionGrants(permission: AzPermission, action: string, plane: ActionPlane): string | null {
  const allow = plane === 'control' ? permission.actions : permission.dataActions
  const except = plane === 'control' ? permission.notActions : permission.notDataActions
  const hit = allow.find((p) => matchesAction(p, action))
  if (hit === undefined) return null
  // NotActions subtract from the Actions of the same block only: they are not a
  // deny, another block or another role can still grant the action.
  // https://learn.microsoft.com/azure/role-based-access-control/role-definitions#notactions
  if (except.some((p) => matchesAction(p, action))) return null
  return hit
}

/** The first pattern of any block of a role that grants `action`, or null. */
export function permissionsGrant(permissions: readonly AzPermission[], action: string, plane: ActionPlane): string | null {
  for (const permission of permissions) {
    const hit = permissionGrants(permission, action, plane)
    if (hit !== null) return hit
  }
  return null
}
