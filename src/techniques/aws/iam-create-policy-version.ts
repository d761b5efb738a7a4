/**
 * @module techniques/aws/iam-create-policy-version
 * Self-escalation: write a new default version of a customer-managed policy
 * attached to oneself (directly or through a group).
 */
import type { Technique } from '../technique.js'
import type { AwsTechniqueContext } from './context.js'
import { accountNode, canBecomeAdminByPolicy, inventoryEvidence, policyHolders, techniqueEdge } from './shared.js'

/** A managed policy holds at most five versions; at five, a version must be deleted first (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html). */
const MAX_POLICY_VERSIONS = 5

const ID = 'aws/iam-create-policy-version'

/** iam:CreatePolicyVersion --set-as-default on a customer-managed policy the principal holds. */
export const iamCreatePolicyVersion: Technique<AwsTechniqueContext> = {
  id: ID,
  provider: 'aws',
  edgeKind: 'AdminTo',
  title: 'Create a new default version of a policy attached to oneself',
  gain: 'admin',
  requires: [
    { action: 'iam:CreatePolicyVersion', on: 'customer-managed policy attached to self or own group' },
    { action: 'iam:DeletePolicyVersion', on: 'the same policy, only when it already has 5 versions' },
  ],
  cost: 1,
  seeAlso: { pathfinding: 'iam-001', iamVulnerable: '1', pmapper: 'gathering.update_admin_status', pacu: 'CreateNewPolicyVersion', cloudsplaining: 'CreateNewPolicyVersion', awspx: 'CreatePolicyVersion' },
  text: {
    general: 'The principal may create a new version of a customer-managed policy that is attached to it (or to one of its groups). With --set-as-default the new document takes effect at once; no iam:SetDefaultPolicyVersion is needed.',
    abuse: "aws iam create-policy-version --policy-arn <arn> --set-as-default --policy-document '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}'",
    opsec: 'CreatePolicyVersion is logged in CloudTrail; the old default version stays in the version list, so the change is easy to spot and roll back.',
    remediation: 'Do not grant iam:CreatePolicyVersion on policies attached to the same principal; restrict it to a policy path the principal does not hold, or deny it with a boundary.',
    references: ['https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicyVersion.html', 'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/'],
  },
  *detect(ctx) {
    for (const policy of ctx.inventory.managedPolicies) {
      if (policy.isAwsManaged) continue
      // Only holders matter: ask about each of them instead of every principal.
      for (const { principal, via } of policyHolders(ctx, policy.arn)) {
        const grant = ctx.allowed(principal, 'iam:CreatePolicyVersion', policy.arn)
        if (!grant) continue
        const grants = [grant]
        if (policy.versions.length >= MAX_POLICY_VERSIONS) {
          const del = ctx.allowed(principal, 'iam:DeletePolicyVersion', policy.arn)
          if (!del) continue
          grants.push(del)
        }
        if (!canBecomeAdminByPolicy(ctx, principal)) continue
        const note = via === principal ? 'policy is attached to the principal' : `policy is attached to group ${via}, of which the principal is a member`
        yield techniqueEdge(iamCreatePolicyVersion, principal, accountNode(principal), grants, [inventoryEvidence(policy.arn, note)])
      }
    }
  },
}
