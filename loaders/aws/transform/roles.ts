/**
 * @module loaders/aws/transform/roles
 * `RoleDetail` → `AwsRole`: trust policy, instance profiles, boundary,
 * RoleLastUsed, tags, service-linked flag. Pure.
 */
import type { AwsRole } from '../../../src/model/index.js'
import { accountOfArn, joinJsonPath } from '../../../src/model/index.js'
import type { RoleDetail } from '../schemas/auth-details.js'
import { decodePolicyDocument, transformInlinePolicies } from './policies.js'
import { tagsToRecord } from './tags.js'
import { orNull } from './values.js'

/**
 * Service-linked roles live under `/aws-service-role/`; their trust policy
 * cannot be edited and SCPs do not apply to them.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html
 */
export function isServiceLinkedRolePath(path: string): boolean {
  return path.startsWith('/aws-service-role/')
}

/** One `RoleDetail` → `AwsRole`. */
export function transformRole(detail: RoleDetail, file: string, path: string): AwsRole {
  return {
    arn: detail.Arn,
    name: detail.RoleName,
    uniqueId: orNull(detail.RoleId),
    accountId: accountOfArn(detail.Arn)!,
    path: detail.Path,
    createDate: orNull(detail.CreateDate),
    inlinePolicies: transformInlinePolicies(detail.RolePolicyList, file, joinJsonPath(path, 'RolePolicyList')),
    attachedPolicies: (detail.AttachedManagedPolicies ?? []).map((p) => p.PolicyArn),
    tags: tagsToRecord(detail.Tags),
    trustPolicy: decodePolicyDocument(detail.AssumeRolePolicyDocument, file, joinJsonPath(path, 'AssumeRolePolicyDocument')),
    permissionsBoundary: detail.PermissionsBoundary?.PermissionsBoundaryArn ?? null,
    instanceProfiles: (detail.InstanceProfileList ?? []).map((p) => ({ arn: p.Arn, name: p.InstanceProfileName })),
    lastUsedDate: orNull(detail.RoleLastUsed?.LastUsedDate),
    lastUsedRegion: orNull(detail.RoleLastUsed?.Region),
    maxSessionDuration: detail.MaxSessionDuration ?? null,
    isServiceLinked: isServiceLinkedRolePath(detail.Path),
  }
}
