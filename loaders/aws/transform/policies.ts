/**
 * @module loaders/aws/transform/policies
 * Policy documents in either encoding → `PolicyDocument`, and managed policy
 * details → `AwsManagedPolicy` with every version. Pure.
 */
import type { AwsInlinePolicy, AwsManagedPolicy, AwsPolicyVersion, PolicyDocument } from '../../../src/model/index.js'
import { CrownpathError, accountOfArn, joinJsonPath } from '../../../src/model/index.js'
import type { InlinePolicyDetail, ManagedPolicyDetail } from '../schemas/auth-details.js'
import { orNull } from './values.js'

const EXPECTED_DOCUMENT = 'a policy document (a JSON object, a JSON string or a URL-encoded JSON string)'

/**
 * Decode a policy document. The raw IAM API returns documents URL-encoded
 * (RFC 3986, so `+` is a literal plus), the CLI prints them decoded, and
 * resource APIs (`get-bucket-policy`) return a JSON string.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_PolicyVersion.html
 * A value that is none of these is an input-shape error at `path`.
 */
export function decodePolicyDocument(value: unknown, file: string, path: string): PolicyDocument {
  if (isPlainObject(value)) return value
  if (typeof value !== 'string') throw new CrownpathError('CP_ERR_INPUT_SHAPE', { file, path, expected: EXPECTED_DOCUMENT })
  const text = value.trim()
  const parsed = text.startsWith('{') ? tryParse(text) : tryParse(tryDecode(text))
  if (!isPlainObject(parsed)) {
    throw new CrownpathError('CP_ERR_INPUT_SHAPE', { file, path, expected: `${EXPECTED_DOCUMENT}, got a string that is not one` })
  }
  return parsed
}

function tryDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** True for AWS-managed policies (`arn:aws:iam::aws:policy/...`), which no account can edit. */
export function isAwsManagedPolicyArn(arn: string): boolean {
  return /^arn:aws[a-z-]*:iam::aws:policy\//.test(arn)
}

/** Inline policies of a user, group or role. */
export function transformInlinePolicies(list: readonly InlinePolicyDetail[] | undefined, file: string, path: string): AwsInlinePolicy[] {
  return (list ?? []).map((policy, i) => ({
    name: policy.PolicyName,
    document: decodePolicyDocument(policy.PolicyDocument, file, joinJsonPath(joinJsonPath(path, i), 'PolicyDocument')),
  }))
}

/** One `ManagedPolicyDetail` → `AwsManagedPolicy`, keeping every version and its default flag. */
export function transformManagedPolicy(detail: ManagedPolicyDetail, file: string, path: string): AwsManagedPolicy {
  const versionsPath = joinJsonPath(path, 'PolicyVersionList')
  const versions: AwsPolicyVersion[] = detail.PolicyVersionList.map((version, i) => ({
    versionId: version.VersionId,
    isDefault: version.IsDefaultVersion,
    createDate: orNull(version.CreateDate),
    document: decodePolicyDocument(version.Document, file, joinJsonPath(joinJsonPath(versionsPath, i), 'Document')),
  }))
  const isAwsManaged = isAwsManagedPolicyArn(detail.Arn)
  return {
    arn: detail.Arn,
    name: detail.PolicyName,
    policyId: orNull(detail.PolicyId),
    path: detail.Path ?? '/',
    isAwsManaged,
    accountId: isAwsManaged ? null : accountOfArn(detail.Arn),
    defaultVersionId: detail.DefaultVersionId,
    versions,
    attachmentCount: detail.AttachmentCount ?? null,
  }
}
