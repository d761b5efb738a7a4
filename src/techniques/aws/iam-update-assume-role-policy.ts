/**
 * @module techniques/aws/iam-update-assume-role-policy
 * Trust manipulation: rewrite a role's trust policy to name oneself, then assume it.
 */
import type { Technique } from '../technique.js'
import type { AwsTechniqueContext } from './context.js'
import { techniqueEdge } from './shared.js'

const ID = 'aws/iam-update-assume-role-policy'

/** iam:UpdateAssumeRolePolicy on a role that is not service-linked, in the principal's account. */
export const iamUpdateAssumeRolePolicy: Technique<AwsTechniqueContext> = {
  id: ID,
  provider: 'aws',
  edgeKind: 'CanEscalateTo',
  title: "Rewrite a role's trust policy, then assume it",
  gain: 'assume',
  requires: [{ action: 'iam:UpdateAssumeRolePolicy', on: 'target role' }],
  cost: 2,
  seeAlso: { pathfinding: 'iam-012', iamVulnerable: '14', pmapper: 'iam_edges', pacu: 'UpdateRolePolicyToAssumeIt', cloudsplaining: 'UpdateRolePolicyToAssumeIt', awspx: 'UpdateRole' },
  text: {
    general: "The principal may replace the role's trust policy. A trust that names the principal's ARN in the same account needs no identity-side sts:AssumeRole, so only an explicit deny of sts:AssumeRole stops the second step. Service-linked roles are skipped: their trust cannot be edited.",
    abuse: 'aws iam update-assume-role-policy --role-name <role> --policy-document <trust naming self>; aws sts assume-role --role-arn <role> --role-session-name x',
    opsec: 'Overwrites the existing trust: whatever assumed the role before may break.',
    remediation: 'Remove iam:UpdateAssumeRolePolicy from non-administrators, or scope it to roles under a path the caller may own.',
    references: ['https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html'],
  },
  *detect(ctx) {
    for (const role of ctx.inventory.roles) {
      if (role.isServiceLinked) continue
      for (const { principal, grant } of ctx.whoCan('iam:UpdateAssumeRolePolicy', role.arn)) {
        if (principal === role.arn || ctx.accountOf(principal) !== role.accountId) continue
        // An explicit deny of sts:AssumeRole (identity, boundary or SCP) survives the trust rewrite.
        const assume = ctx.evaluate(principal, 'sts:AssumeRole', role.arn)
        if (assume.decision === 'explicitDeny' && assume.matched.some((m) => m.effect === 'Deny' && m.policyType !== 'trust')) continue
        yield techniqueEdge(iamUpdateAssumeRolePolicy, principal, role.arn, [grant])
      }
    }
  },
}
