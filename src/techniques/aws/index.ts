/**
 * @module techniques/aws
 * The AWS technique table and the AWS provider deriver.
 */
import { compileAuthorizer } from '../../aws/policy/index.js'
import type { ProviderDeriver } from '../derive.js'
import type { Technique } from '../technique.js'
import type { AwsTechniqueContext } from './context.js'
import { adminEquivalent } from './admin-equivalent.js'
import { resourceAccess } from './resource-access.js'
import { iamAddUserToGroup } from './iam-add-user-to-group.js'
import { iamCreatePolicyVersion } from './iam-create-policy-version.js'
import { iamCreateRoleAndAttach } from './iam-create-role-and-attach.js'
import { IAM_PERMISSIONS_BOUNDARY_TECHNIQUES } from './iam-permissions-boundary.js'
import { IAM_POLICY_WRITE_THEN_BECOME_TECHNIQUES } from './iam-policy-write-then-become.js'
import { IAM_SELF_POLICY_TECHNIQUES } from './iam-self-policy.js'
import { iamSetDefaultPolicyVersion } from './iam-set-default-policy-version.js'
import { iamUpdateAssumeRolePolicy } from './iam-update-assume-role-policy.js'
import { IAM_USER_CREDENTIAL_TECHNIQUES } from './iam-user-credentials.js'
import { PASSROLE_COMPUTE_TECHNIQUES } from './passrole-compute.js'
import { ec2CreateInstanceProfile } from './ec2-create-instance-profile.js'
import { RESOURCE_HIJACK_TECHNIQUES } from './resource-hijack.js'
import { stsAssumeRole } from './sts-assume-role.js'
import { STS_FEDERATION_TECHNIQUES } from './sts-federation.js'
import { makeAwsDeriver } from './derive-aws.js'

/**
 * Every AWS technique, listed explicitly. Ids are `aws/<file>` for one-technique
 * files and `aws/<file>/<row>` for family files (one detector, a data table of rows).
 */
export const AWS_TECHNIQUES: readonly Technique<AwsTechniqueContext>[] = [
  // tier zero
  adminEquivalent,
  // A. self-escalation
  ...IAM_SELF_POLICY_TECHNIQUES,
  iamCreatePolicyVersion,
  iamSetDefaultPolicyVersion,
  iamAddUserToGroup,
  iamCreateRoleAndAttach,
  ...IAM_PERMISSIONS_BOUNDARY_TECHNIQUES,
  // B. principal access
  ...IAM_USER_CREDENTIAL_TECHNIQUES,
  stsAssumeRole,
  iamUpdateAssumeRolePolicy,
  ...STS_FEDERATION_TECHNIQUES,
  // C. modify another principal, then become it
  ...IAM_POLICY_WRITE_THEN_BECOME_TECHNIQUES,
  // D. new compute + PassRole
  ...PASSROLE_COMPUTE_TECHNIQUES,
  ec2CreateInstanceProfile,
  // E. existing-resource hijack
  ...RESOURCE_HIJACK_TECHNIQUES,
  // resource access (CanAccess)
  resourceAccess,
]

export type { ActionCatalog, AwsTechniqueContext, AwsAuthorizerLike, CompileAuthorizer, Grant } from './context.js'
export { buildAwsTechniqueContext } from './context.js'
export { deriveAws, makeAwsDeriver } from './derive-aws.js'


/** The AWS provider deriver (the row in PROVIDER_DERIVERS). */
export const awsDeriver: ProviderDeriver = makeAwsDeriver({ compile: (aws) => compileAuthorizer(aws) }, AWS_TECHNIQUES)
