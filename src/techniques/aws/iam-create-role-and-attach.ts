/**
 * @module techniques/aws/iam-create-role-and-attach
 * Self-escalation through a new role: create a role that trusts oneself,
 * give it full access, assume it.
 */
import type { Technique } from '../technique.js'
import type { AwsTechniqueContext } from './context.js'
import { ADMIN_POLICY_ARN, accountNode, anyRoleIn, techniqueEdge } from './shared.js'

const ID = 'aws/iam-create-role-and-attach'

/** iam:CreateRole plus (iam:AttachRolePolicy with AdministratorAccess or iam:PutRolePolicy) on a new role. */
export const iamCreateRoleAndAttach: Technique<AwsTechniqueContext> = {
  id: ID,
  provider: 'aws',
  edgeKind: 'AdminTo',
  title: 'Create an admin role that trusts oneself',
  gain: 'admin',
  requires: [
    { action: 'iam:CreateRole', on: 'arn:aws:iam::<account>:role/*' },
    { action: 'iam:AttachRolePolicy | iam:PutRolePolicy', on: 'arn:aws:iam::<account>:role/*', context: `iam:PolicyARN=${ADMIN_POLICY_ARN}` },
  ],
  cost: 2,
  seeAlso: { pmapper: 'gathering.update_admin_status', awspx: 'CreateRole+AttachRolePolicy+AssumeRole' },
  text: {
    general: 'A principal that may create roles and attach or put policies on them can create a role whose trust policy names it, grant it full access and assume it. Within one account a trust that names the caller by ARN needs no identity-side sts:AssumeRole, so only an explicit deny of sts:AssumeRole stops the last step.',
    abuse: 'aws iam create-role --role-name x --assume-role-policy-document <trust naming self>; aws iam attach-role-policy --role-name x --policy-arn arn:aws:iam::aws:policy/AdministratorAccess; aws sts assume-role --role-arn <x>',
    opsec: 'Creates a new role: a persistent, visible artefact.',
    remediation: 'Require a permissions boundary on created roles (iam:PermissionsBoundary condition on iam:CreateRole), or remove iam:CreateRole.',
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html#access_policies_boundaries-delegate'],
  },
  *detect(ctx) {
    for (const { principal } of ctx.whoCan('iam:CreateRole', 'arn:aws:iam::*:role/*')) {
      const pattern = anyRoleIn(ctx.accountOf(principal))
      const create = ctx.allowed(principal, 'iam:CreateRole', pattern)
      if (!create) continue
      // CreateRole that demands a permissions boundary (iam:PermissionsBoundary) yields a bounded role, not an admin one.
      if (create.conditions.some((c) => c.key.toLowerCase() === 'iam:permissionsboundary')) continue
      const write = ctx.allowed(principal, 'iam:AttachRolePolicy', pattern, { 'iam:PolicyARN': ADMIN_POLICY_ARN }) ?? ctx.allowed(principal, 'iam:PutRolePolicy', pattern)
      if (!write) continue
      if (ctx.evaluate(principal, 'sts:AssumeRole', pattern).decision === 'explicitDeny') continue
      yield techniqueEdge(iamCreateRoleAndAttach, principal, accountNode(principal), [create, write])
    }
  },
}
