/**
 * @module loaders/aws/schemas/auth-details
 * The shape of `aws iam get-account-authorization-details` output (one page or
 * the CLI's auto-paginated whole), as TypeBox schemas: the same types document
 * the format and type the transform.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
 */
import { Type, type Static } from 'typebox'
import { DateString, IamArn, PrincipalArn, OptionalString, PolicyDocumentInput, TagList } from './common.js'

/** `PolicyDetail`: an inline policy. */
export const InlinePolicyInput = Type.Object({
  PolicyName: Type.String({ minLength: 1 }),
  PolicyDocument: PolicyDocumentInput,
})

/** `AttachedPolicy`. */
export const AttachedPolicyInput = Type.Object({
  PolicyName: Type.Optional(Type.String()),
  PolicyArn: IamArn,
})

/** `AttachedPermissionsBoundary`. */
export const PermissionsBoundaryInput = Type.Object({
  PermissionsBoundaryType: Type.Optional(Type.String()),
  PermissionsBoundaryArn: IamArn,
})

/** `UserDetail`. */
export const UserDetailInput = Type.Object({
  Path: Type.String(),
  UserName: Type.String({ minLength: 1 }),
  UserId: OptionalString,
  Arn: PrincipalArn,
  CreateDate: Type.Optional(DateString),
  UserPolicyList: Type.Optional(Type.Array(InlinePolicyInput)),
  GroupList: Type.Optional(Type.Array(Type.String())),
  AttachedManagedPolicies: Type.Optional(Type.Array(AttachedPolicyInput)),
  PermissionsBoundary: Type.Optional(PermissionsBoundaryInput),
  Tags: Type.Optional(TagList),
})

/** `GroupDetail`. */
export const GroupDetailInput = Type.Object({
  Path: Type.String(),
  GroupName: Type.String({ minLength: 1 }),
  GroupId: OptionalString,
  Arn: PrincipalArn,
  CreateDate: Type.Optional(DateString),
  GroupPolicyList: Type.Optional(Type.Array(InlinePolicyInput)),
  AttachedManagedPolicies: Type.Optional(Type.Array(AttachedPolicyInput)),
})

/** `InstanceProfile` (as nested in `RoleDetail.InstanceProfileList`). */
export const InstanceProfileInput = Type.Object({
  Path: Type.Optional(Type.String()),
  InstanceProfileName: Type.String({ minLength: 1 }),
  InstanceProfileId: OptionalString,
  Arn: PrincipalArn,
  CreateDate: Type.Optional(DateString),
})

/** `RoleDetail`. */
export const RoleDetailInput = Type.Object({
  Path: Type.String(),
  RoleName: Type.String({ minLength: 1 }),
  RoleId: OptionalString,
  Arn: PrincipalArn,
  CreateDate: Type.Optional(DateString),
  AssumeRolePolicyDocument: PolicyDocumentInput,
  InstanceProfileList: Type.Optional(Type.Array(InstanceProfileInput)),
  RolePolicyList: Type.Optional(Type.Array(InlinePolicyInput)),
  AttachedManagedPolicies: Type.Optional(Type.Array(AttachedPolicyInput)),
  PermissionsBoundary: Type.Optional(PermissionsBoundaryInput),
  Tags: Type.Optional(TagList),
  RoleLastUsed: Type.Optional(Type.Object({ LastUsedDate: Type.Optional(DateString), Region: OptionalString })),
  MaxSessionDuration: Type.Optional(Type.Number()),
})

/** `PolicyVersion`. */
export const PolicyVersionInput = Type.Object({
  Document: PolicyDocumentInput,
  VersionId: Type.String({ minLength: 1 }),
  IsDefaultVersion: Type.Boolean(),
  CreateDate: Type.Optional(DateString),
})

/** `ManagedPolicyDetail`. */
export const ManagedPolicyDetailInput = Type.Object({
  PolicyName: Type.String({ minLength: 1 }),
  PolicyId: OptionalString,
  Arn: IamArn,
  Path: Type.Optional(Type.String()),
  DefaultVersionId: Type.String({ minLength: 1 }),
  AttachmentCount: Type.Optional(Type.Number()),
  PolicyVersionList: Type.Array(PolicyVersionInput, { minItems: 1, description: 'at least one policy version' }),
})

/** One page (or the whole) of `get-account-authorization-details`. */
export const AuthDetailsInput = Type.Object({
  UserDetailList: Type.Optional(Type.Array(UserDetailInput)),
  GroupDetailList: Type.Optional(Type.Array(GroupDetailInput)),
  RoleDetailList: Type.Optional(Type.Array(RoleDetailInput)),
  Policies: Type.Optional(Type.Array(ManagedPolicyDetailInput)),
  IsTruncated: Type.Optional(Type.Boolean()),
  Marker: OptionalString,
})

/** Static types of the schemas above. */
export type AuthDetailsDump = Static<typeof AuthDetailsInput>
/** `UserDetail`. */
export type UserDetail = Static<typeof UserDetailInput>
/** `GroupDetail`. */
export type GroupDetail = Static<typeof GroupDetailInput>
/** `RoleDetail`. */
export type RoleDetail = Static<typeof RoleDetailInput>
/** `ManagedPolicyDetail`. */
export type ManagedPolicyDetail = Static<typeof ManagedPolicyDetailInput>
/** `PolicyDetail`. */
export type InlinePolicyDetail = Static<typeof InlinePolicyInput>
