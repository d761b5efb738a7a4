/**
 * @module loaders/aws/transform/users
 * `UserDetail` → `AwsUser`. Credential fields stay `null` (unknown) here:
 * authorization details do not list keys, passwords or MFA devices; the
 * credential report and access-key files fill them (credential-report.ts). Pure.
 */
import type { AwsUser, DataIssue } from '../../../src/model/index.js'
import { accountOfArn, joinJsonPath } from '../../../src/model/index.js'
import type { UserDetail } from '../schemas/auth-details.js'
import { transformInlinePolicies } from './policies.js'
import { tagsToRecord } from './tags.js'
import { orNull } from './values.js'

/** Resolves a group name to its ARN within an account (group names are unique per account). */
export type GroupResolver = (accountId: string, groupName: string) => string | null

/** The ARN a group would have at the default path, used when the group is not in the data. */
export function defaultGroupArn(userArn: string, groupName: string): string {
  const [arn, partition, , , account] = userArn.split(':')
  return `${arn}:${partition}:iam::${account}:group/${groupName}`
}

/** One `UserDetail` → `AwsUser`; unknown group names are kept at the default path with an issue. */
export function transformUser(detail: UserDetail, file: string, path: string, resolveGroup: GroupResolver, issues: DataIssue[]): AwsUser {
  const accountId = accountOfArn(detail.Arn)!
  const groups = (detail.GroupList ?? []).map((name) => {
    const arn = resolveGroup(accountId, name)
    if (arn) return arn
    issues.push({ severity: 'warning', where: `${file} ${path}`, message: `group \`${name}\` of user \`${detail.Arn}\` is not in the data; assumed path \`/\`` })
    return defaultGroupArn(detail.Arn, name)
  })
  return {
    arn: detail.Arn,
    name: detail.UserName,
    uniqueId: orNull(detail.UserId),
    accountId,
    path: detail.Path,
    createDate: orNull(detail.CreateDate),
    inlinePolicies: transformInlinePolicies(detail.UserPolicyList, file, joinJsonPath(path, 'UserPolicyList')),
    attachedPolicies: (detail.AttachedManagedPolicies ?? []).map((p) => p.PolicyArn),
    tags: tagsToRecord(detail.Tags),
    groups,
    permissionsBoundary: detail.PermissionsBoundary?.PermissionsBoundaryArn ?? null,
    accessKeys: null,
    loginProfile: null,
    hasLoginProfile: null,
    mfaDevices: null,
    passwordLastUsed: null,
  }
}
