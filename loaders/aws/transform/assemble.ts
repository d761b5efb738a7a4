/**
 * @module loaders/aws/transform/assemble
 * Combine every validated AWS input of one ingest into one `InventoryPart`:
 * cross-file links (group names, instance profiles → roles, report rows →
 * users, org accounts ↔ accounts seen in ARNs) need all inputs at once. Pure.
 */
import type { AwsAccount, AwsResource, DataIssue, InventoryPart, SourceRef } from '../../../src/model/index.js'
import { dropSecretNamedKeys } from '../../../src/model/index.js'
import type { AccessKeyEntry } from '../schemas/access-keys.js'
import type { OrgFile } from '../schemas/org.js'
import { transformAuthDetails, type AuthDetailsPage } from './auth-details.js'
import { applyCredentials, attributeAccessKeys, type CredentialReportRow } from './credential-report.js'
import { identityProvidersFromTrust } from './identity-providers.js'
import { transformOrg } from './org.js'
import { resolveRunsAs, type ResourceContext } from './resource-policies.js'

/** Every AWS input of one ingest, parsed and validated. */
export interface AwsInputs {
  readonly authDetails: readonly AuthDetailsPage[]
  /** Resources files, transformed lazily because S3 ARNs may need the ingest's only account. */
  readonly resources: readonly { readonly file: string; readonly transform: (ctx: ResourceContext) => AwsResource[] }[]
  readonly org: { readonly file: string; readonly value: OrgFile } | null
  readonly credentialReports: readonly { readonly file: string; readonly rows: readonly CredentialReportRow[] }[]
  /**
   * Key lists; `completeFor` names users whose list is complete even when it
   * holds no entry (live ListAccessKeys), so an empty list means "no keys".
   */
  readonly accessKeys: readonly { readonly file: string; readonly entries: readonly AccessKeyEntry[]; readonly completeFor?: readonly string[] }[]
  readonly sources: readonly SourceRef[]
}

/** Build the AWS inventory part from every input. Throws on input-shape errors found while transforming. */
export function assembleAwsInventory(inputs: AwsInputs): InventoryPart {
  const issues: DataIssue[] = []
  const auth = transformAuthDetails(inputs.authDetails)
  issues.push(...auth.issues)

  let accounts: AwsAccount[] = auth.accounts
  let organization = null
  if (inputs.org) {
    const org = transformOrg(inputs.org.value, inputs.org.file)
    issues.push(...org.issues)
    organization = org.organization
    const inOrg = new Set(org.accounts.map((a) => a.id))
    for (const account of auth.accounts) {
      if (!inOrg.has(account.id)) issues.push({ severity: 'warning', where: inputs.org.file, message: `account \`${account.id}\` appears in the IAM data but not in the organisation file` })
    }
    accounts = [...org.accounts, ...auth.accounts.filter((a) => !inOrg.has(a.id))]
  }

  const ingestAccounts = new Set(accounts.map((a) => a.id))
  const defaultAccountId = ingestAccounts.size === 1 ? [...ingestAccounts][0]! : null
  const rawResources = inputs.resources.flatMap((r) => r.transform({ file: r.file, defaultAccountId }))
  const byArn = new Map<string, AwsResource>()
  for (const resource of rawResources) {
    const previous = byArn.get(resource.arn)
    // The same resource may come from two files (describe-instances + crownpath format): merge facts.
    byArn.set(resource.arn, previous ? mergeResource(previous, resource) : resource)
  }
  const resources = resolveRunsAs([...byArn.values()], auth.roles, issues).map((r) => {
    const tags = dropSecretNamedKeys(r.tags, r.arn, 'tag', issues)
    const properties = dropSecretNamedKeys(r.properties, r.arn, 'property', issues)
    return tags === r.tags && properties === r.properties ? r : { ...r, tags, properties }
  })

  const keyEntries = inputs.accessKeys.flatMap(({ file, entries, completeFor }) => {
    const attributed = attributeAccessKeys(entries, auth.users, file, issues)
    const covered = new Set(attributed.map((a) => a.userArn))
    return [...attributed, ...(completeFor ?? []).filter((arn) => !covered.has(arn)).map((userArn) => ({ userArn, keys: [] }))]
  })
  const users = applyCredentials(
    auth.users,
    inputs.credentialReports.flatMap((r) => r.rows),
    keyEntries,
    issues,
  )

  return {
    sources: inputs.sources,
    aws: {
      accounts,
      users: users.map((u) => withTags(u, dropSecretNamedKeys(u.tags, u.arn, 'tag', issues))),
      groups: auth.groups,
      roles: auth.roles.map((r) => withTags(r, dropSecretNamedKeys(r.tags, r.arn, 'tag', issues))),
      managedPolicies: auth.managedPolicies,
      identityProviders: identityProvidersFromTrust(auth.roles),
      resources,
      ...(organization ? { organization } : {}),
    },
    issues,
  }
}

/** The record with these tags: itself when they are the tags it has (no copy of 10⁴ users and roles). */
function withTags<T extends { readonly tags: Readonly<Record<string, string>> }>(record: T, tags: Readonly<Record<string, string>>): T {
  return tags === record.tags ? record : { ...record, tags }
}

/** Two records of one resource: the first wins per field, lists and records are united. */
function mergeResource(a: AwsResource, b: AwsResource): AwsResource {
  return {
    ...a,
    region: a.region ?? b.region,
    tags: { ...b.tags, ...a.tags },
    policy: a.policy ?? b.policy,
    runsAs: [...new Set([...a.runsAs, ...b.runsAs])],
    properties: { ...b.properties, ...a.properties },
  }
}

