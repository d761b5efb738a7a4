/**
 * @module model/inventory-aws
 * The AWS part of the provider-neutral Inventory that loaders produce:
 * plain data, already validated, no secrets, optional fields as `null`.
 */

/** A JSON policy document as written (parsed from JSON, URL-decoded); the evaluator normalises it. */
export type PolicyDocument = Readonly<Record<string, unknown>>

/** An inline policy embedded in a user, group or role. */
export interface AwsInlinePolicy {
  readonly name: string
  readonly document: PolicyDocument
}

/** One version of a managed policy (authorization details return every version). */
export interface AwsPolicyVersion {
  readonly versionId: string
  readonly isDefault: boolean
  readonly createDate: string | null
  readonly document: PolicyDocument
}

/** A managed policy, AWS-managed or customer-managed. */
export interface AwsManagedPolicy {
  readonly arn: string
  readonly name: string
  readonly policyId: string | null
  readonly path: string
  /** True for `arn:aws:iam::aws:policy/...`: cannot be edited by anyone in the account. */
  readonly isAwsManaged: boolean
  /** Owning account for customer-managed policies, null for AWS-managed. */
  readonly accountId: string | null
  readonly defaultVersionId: string
  readonly versions: readonly AwsPolicyVersion[]
  readonly attachmentCount: number | null
}

/** Metadata of an access key. The secret is never read. */
export interface AwsAccessKey {
  readonly id: string
  readonly status: 'Active' | 'Inactive'
  readonly createDate: string | null
  readonly lastUsedDate: string | null
  readonly lastUsedService: string | null
  readonly lastUsedRegion: string | null
}

/** A console password's metadata (the password is never read). */
export interface AwsLoginProfile {
  readonly createDate: string | null
  readonly passwordLastUsed: string | null
  readonly passwordLastChanged: string | null
  readonly passwordResetRequired: boolean
}

/** An MFA device assigned to a user. */
export interface AwsMfaDevice {
  readonly serialNumber: string
  readonly enableDate: string | null
  readonly isVirtual: boolean
}

/** Fields common to users, groups and roles. */
interface AwsPrincipalBase {
  readonly arn: string
  readonly name: string
  /** The unique id (AIDA..., AGPA..., AROA...), used by `aws:userid`. */
  readonly uniqueId: string | null
  readonly accountId: string
  readonly path: string
  readonly createDate: string | null
  readonly inlinePolicies: readonly AwsInlinePolicy[]
  /** ARNs of attached managed policies (resolved in `AwsInventory.managedPolicies`). */
  readonly attachedPolicies: readonly string[]
}

/** An IAM user. */
export interface AwsUser extends AwsPrincipalBase {
  readonly tags: Readonly<Record<string, string>>
  /** ARNs of the groups the user belongs to. */
  readonly groups: readonly string[]
  readonly permissionsBoundary: string | null
  /** null when the data source does not say (authorization details alone do not list keys). */
  readonly accessKeys: readonly AwsAccessKey[] | null
  /** null when unknown; `{ exists: false }` is expressed by `hasLoginProfile: false`. */
  readonly loginProfile: AwsLoginProfile | null
  /** true / false when known, null when the data source does not say. */
  readonly hasLoginProfile: boolean | null
  readonly mfaDevices: readonly AwsMfaDevice[] | null
  readonly passwordLastUsed: string | null
}

/** An IAM group. */
export interface AwsGroup extends AwsPrincipalBase {}

/** An instance profile wrapping a role. */
export interface AwsInstanceProfile {
  readonly arn: string
  readonly name: string
}

/** An IAM role. */
export interface AwsRole extends AwsPrincipalBase {
  readonly tags: Readonly<Record<string, string>>
  readonly trustPolicy: PolicyDocument
  readonly permissionsBoundary: string | null
  readonly instanceProfiles: readonly AwsInstanceProfile[]
  readonly lastUsedDate: string | null
  readonly lastUsedRegion: string | null
  readonly maxSessionDuration: number | null
  /** Path `/aws-service-role/`: trust cannot be edited, exempt from SCPs. */
  readonly isServiceLinked: boolean
}

/** An IAM identity provider (OIDC or SAML). */
export interface AwsIdentityProvider {
  readonly arn: string
  readonly accountId: string
  readonly type: 'oidc' | 'saml'
  /** OIDC issuer host/path (e.g. `token.actions.githubusercontent.com`), null for SAML. */
  readonly url: string | null
  readonly clientIds: readonly string[]
}

/**
 * A resource with the facts escalation and access analysis need.
 * `type` is `<service>:<resourceType>` in the IAM Service Authorization
 * Reference's spelling (`s3:bucket`, `kms:key`, `secretsmanager:secret`,
 * `lambda:function`, `ec2:instance`, `sqs:queue`, `sns:topic`, `ecr:repository`,
 * `sagemaker:notebook-instance`, `sagemaker:endpoint`, `sagemaker:training-job`,
 * `sagemaker:model`, `bedrock:agent`, `cloudformation:stack`, `codebuild:project`,
 * `glue:devendpoint`, `ecs:task-definition`, ...).
 */
export interface AwsResource {
  readonly arn: string
  readonly type: string
  readonly name: string
  readonly accountId: string
  readonly region: string | null
  readonly tags: Readonly<Record<string, string>>
  /** The resource-based policy (bucket policy, key policy, ...), null when none. */
  readonly policy: PolicyDocument | null
  /** Role ARNs the resource runs as (execution role, instance profile role, service role). */
  readonly runsAs: readonly string[]
  /** Other facts by name (status, batch enabled, execute-command enabled, ...); scalars only. */
  readonly properties: Readonly<Record<string, string | number | boolean | null>>
}

/** An account as known from Organizations or from authorization details. */
export interface AwsAccount {
  readonly id: string
  readonly name: string | null
  /** Organizations parent chain, root first: `['r-abcd', 'ou-abcd-1111']`; empty outside an org. */
  readonly orgPath: readonly string[]
  readonly organizationId: string | null
  readonly isManagementAccount: boolean
}

/** An SCP or RCP with the ids (root, OU, account) it is attached to. */
export interface AwsOrgPolicy {
  readonly id: string
  readonly arn: string | null
  readonly name: string
  readonly type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY'
  readonly document: PolicyDocument
  readonly targets: readonly string[]
}

/** An organizational unit or root. */
export interface AwsOrgUnit {
  readonly id: string
  readonly name: string
  /** null for the root. */
  readonly parentId: string | null
}

/** Organizations structure and policies. */
export interface AwsOrganization {
  readonly id: string
  readonly managementAccountId: string | null
  readonly units: readonly AwsOrgUnit[]
  readonly policies: readonly AwsOrgPolicy[]
}

/** Everything known about the AWS side. */
export interface AwsInventory {
  readonly accounts: readonly AwsAccount[]
  readonly users: readonly AwsUser[]
  readonly groups: readonly AwsGroup[]
  readonly roles: readonly AwsRole[]
  readonly managedPolicies: readonly AwsManagedPolicy[]
  readonly identityProviders: readonly AwsIdentityProvider[]
  readonly resources: readonly AwsResource[]
  readonly organization: AwsOrganization | null
}

/** An empty AWS inventory. */
export function emptyAwsInventory(): AwsInventory {
  return { accounts: [], users: [], groups: [], roles: [], managedPolicies: [], identityProviders: [], resources: [], organization: null }
}
