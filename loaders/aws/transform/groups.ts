/**
 * @module loaders/aws/transform/groups
 * `GroupDetail` → `AwsGroup`. Pure.
 */
import type { AwsGroup } from '../../../src/model/index.js'
import { accountOfArn, joinJsonPath } from '../../../src/model/index.js'
import type { GroupDetail } from '../schemas/auth-details.js'
import { transformInlinePolicies } from './policies.js'
import { orNull } from './values.js'

/** One `GroupDetail` → `AwsGroup`. */
export function transformGroup(detail: GroupDetail, file: string, path: string): AwsGroup {
  return {
    arn: detail.Arn,
    name: detail.GroupName,
    uniqueId: orNull(detail.GroupId),
    accountId: accountOfArn(detail.Arn)!,
    path: detail.Path,
    createDate: orNull(detail.CreateDate),
    inlinePolicies: transformInlinePolicies(detail.GroupPolicyList, file, joinJsonPath(path, 'GroupPolicyList')),
    attachedPolicies: (detail.AttachedManagedPolicies ?? []).map((p) => p.PolicyArn),
  }
}
