/**
 * @module aws/policy/service-rules
 * Per-service quirks of resource-based policies, as a table keyed by service
 * prefix (not `if`s in the combiner): for which actions the resource policy
 * must allow (identity policies alone never suffice) and which document plays
 * the resource policy.
 * - IAM role trust policies: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_manage-assume.html
 *   ("the trust policy must allow" for sts:AssumeRole*, sts:TagSession, sts:SetSourceIdentity, sts:SetContext).
 * - KMS key policies: https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 *   (without the key policy allowing the account, IAM policies do not count).
 */

/** One service's quirk. */
export interface ServiceRule {
  /** Lower-cased actions (or `*` for all of the service) whose resource policy is mandatory. */
  readonly requiresResourcePolicy: (actionLower: string, resourceArn: string) => boolean
  /** Where the resource policy comes from for this service's resources. */
  readonly policySource: 'trust' | 'resource'
  /** Actions the root user can never perform (it cannot assume roles). */
  readonly rootForbidden?: (actionLower: string) => boolean
}

const TRUST_ACTIONS: ReadonlySet<string> = new Set([
  'sts:assumerole',
  'sts:assumerolewithsaml',
  'sts:assumerolewithwebidentity',
  'sts:tagsession',
  'sts:setsourceidentity',
  'sts:setcontext',
])

/** The quirk table. Services not listed follow the general rules. */
export const SERVICE_RULES: Readonly<Record<string, ServiceRule>> = {
  sts: {
    requiresResourcePolicy: (action, arn) => TRUST_ACTIONS.has(action) && /^arn:[^:]+:iam::\d*:role\//.test(arn),
    policySource: 'trust',
    rootForbidden: (action) => action.startsWith('sts:assumerole'),
  },
  kms: {
    requiresResourcePolicy: (_action, arn) => /^arn:[^:]+:kms:[^:]*:\d*:key\//.test(arn),
    policySource: 'resource',
  },
}
