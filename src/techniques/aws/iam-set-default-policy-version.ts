/**
 * @module techniques/aws/iam-set-default-policy-version
 * Self-escalation: make an older, more permissive version of a policy
 * attached to oneself the default again.
 */
import type { AwsInventory } from '../../model/index.js'
import type { Technique } from '../technique.js'
import type { AwsTechniqueContext } from './context.js'
import { accountNode, inventoryEvidence, policyHolders, techniqueEdge } from './shared.js'

const ID = 'aws/iam-set-default-policy-version'

/** The inventory with `versionId` made the default version of `policyArn`. */
function withDefaultVersion(policyArn: string, versionId: string): (aws: AwsInventory) => AwsInventory {
  return (aws) => ({
    ...aws,
    managedPolicies: aws.managedPolicies.map((p) =>
      p.arn !== policyArn ? p : { ...p, defaultVersionId: versionId, versions: p.versions.map((v) => ({ ...v, isDefault: v.versionId === versionId })) },
    ),
  })
}

/** iam:SetDefaultPolicyVersion to a non-default version that, evaluated, makes the principal admin. */
export const iamSetDefaultPolicyVersion: Technique<AwsTechniqueContext> = {
  id: ID,
  provider: 'aws',
  edgeKind: 'AdminTo',
  title: 'Roll a policy attached to oneself back to a more permissive version',
  gain: 'admin',
  requires: [{ action: 'iam:SetDefaultPolicyVersion', on: 'customer-managed policy attached to self or own group, with a non-default version' }],
  cost: 1,
  seeAlso: { iamVulnerable: '2', pacu: 'SetExistingDefaultPolicyVersion', cloudsplaining: 'SetExistingDefaultPolicyVersion' },
  text: {
    general: 'Authorization details list every version of a managed policy. If a non-default version is more permissive and the principal may set the default version, it can switch back to it. crownpath re-evaluates the principal with that version as default and keeps the edge only when the result is admin-equivalent.',
    abuse: 'aws iam set-default-policy-version --policy-arn <arn> --version-id <vN>',
    opsec: 'A single CloudTrail management event; nothing new is created, so "new policy" detections miss it.',
    remediation: 'Delete old policy versions that are broader than the current one, and do not grant iam:SetDefaultPolicyVersion on policies the principal holds.',
    references: ['https://docs.aws.amazon.com/IAM/latest/APIReference/API_SetDefaultPolicyVersion.html', 'https://github.com/BishopFox/iam-vulnerable'],
  },
  *detect(ctx) {
    for (const policy of ctx.inventory.managedPolicies) {
      if (policy.isAwsManaged || policy.versions.length < 2) continue
      // Only holders matter: ask about each of them instead of every principal.
      for (const { principal } of policyHolders(ctx, policy.arn)) {
        const grant = ctx.allowed(principal, 'iam:SetDefaultPolicyVersion', policy.arn)
        if (!grant) continue
        for (const version of policy.versions) {
          if (version.isDefault || version.versionId === policy.defaultVersionId) continue
          const admin = ctx.isAdminAfter(`setdefault:${policy.arn}:${version.versionId}`, withDefaultVersion(policy.arn, version.versionId), principal)
          if (!admin) continue
          yield techniqueEdge(iamSetDefaultPolicyVersion, principal, accountNode(principal), [grant], [
            inventoryEvidence(policy.arn, `version ${version.versionId} of this policy is admin-equivalent for the principal`),
          ])
          break
        }
      }
    }
  },
}
