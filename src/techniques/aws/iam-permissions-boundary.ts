/**
 * @module techniques/aws/iam-permissions-boundary
 * Self-escalation by removing or replacing one's own permissions boundary:
 * the identity policies already grant admin, only the boundary holds them back.
 */
import type { Technique } from '../technique.js'
import type { AwsTechniqueContext, RequestContext } from './context.js'
import { ADMIN_POLICY_ARN, accountNode, inventoryEvidence, isAdminWithoutBoundary, techniqueEdge } from './shared.js'

interface BoundaryRow {
  readonly name: string
  readonly action: string
  readonly target: 'user' | 'role'
  readonly isPut: boolean
}

const ROWS: readonly BoundaryRow[] = [
  { name: 'delete-user-permissions-boundary', action: 'iam:DeleteUserPermissionsBoundary', target: 'user', isPut: false },
  { name: 'delete-role-permissions-boundary', action: 'iam:DeleteRolePermissionsBoundary', target: 'role', isPut: false },
  { name: 'put-user-permissions-boundary', action: 'iam:PutUserPermissionsBoundary', target: 'user', isPut: true },
  { name: 'put-role-permissions-boundary', action: 'iam:PutRolePermissionsBoundary', target: 'role', isPut: true },
]

function makeBoundaryTechnique(row: BoundaryRow): Technique<AwsTechniqueContext> {
  const id = `aws/iam-permissions-boundary/${row.name}`
  // Replacing the boundary with AdministratorAccess makes it as permissive as having none.
  const context: RequestContext | undefined = row.isPut ? { 'iam:PermissionsBoundary': ADMIN_POLICY_ARN } : undefined
  return {
    id,
    provider: 'aws',
    edgeKind: 'AdminTo',
    title: `${row.isPut ? 'Replace' : 'Remove'} one's own permissions boundary (${row.target})`,
    gain: 'admin',
    requires: [{ action: row.action, on: 'self', ...(row.isPut ? { context: `iam:PermissionsBoundary=${ADMIN_POLICY_ARN}` } : {}) }],
    cost: 1,
    seeAlso: { pathfindingProposal: 'pathfinding.cloud#29 (iam-022..024)', trivy: 'AWS-0353' },
    text: {
      general: `The ${row.target} has a permissions boundary that is the only thing keeping its identity policies from being admin-equivalent, and it may ${row.isPut ? 'replace that boundary with a permissive one' : 'delete that boundary'} itself. crownpath re-evaluates the principal without its boundary and keeps the edge only when the result is admin-equivalent.`,
      abuse: row.isPut
        ? `aws iam ${row.action.slice(4).replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()} --${row.target}-name <self> --permissions-boundary ${ADMIN_POLICY_ARN}`
        : `aws iam ${row.action.slice(4).replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()} --${row.target}-name <self>`,
      opsec: 'A CloudTrail management event on an IAM principal; boundary changes are rare and stand out.',
      remediation: `Deny iam:Delete*PermissionsBoundary and iam:Put*PermissionsBoundary in the boundary itself (the delegation pattern in the AWS boundary guide), or remove ${row.action}.`,
      references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html', 'https://github.com/DataDog/pathfinding.cloud/pull/29'],
    },
    *detect(ctx) {
      const records = row.target === 'user' ? ctx.inventory.users : ctx.inventory.roles
      for (const p of records) {
        if (!p.permissionsBoundary || ctx.isTierZero(p.arn)) continue
        const grant = ctx.allowed(p.arn, row.action, p.arn, context)
        if (!grant) continue
        if (!isAdminWithoutBoundary(ctx, p.arn)) continue
        yield techniqueEdge({ id, edgeKind: 'AdminTo', cost: 1 }, p.arn, accountNode(p.arn), [grant], [
          inventoryEvidence(p.permissionsBoundary, 'this boundary is all that keeps the principal from admin'),
        ])
      }
    },
  }
}

/** The four boundary-removal techniques. */
export const IAM_PERMISSIONS_BOUNDARY_TECHNIQUES: readonly Technique<AwsTechniqueContext>[] = ROWS.map(makeBoundaryTechnique)
