/**
 * @module loaders/aws/transform/org
 * The Organizations file → `AwsOrganization` (roots, OUs, SCPs and RCPs with
 * their targets) and `AwsAccount`s with their parent chain. Pure.
 */
import type { AwsAccount, AwsOrgPolicy, AwsOrganization, AwsOrgUnit, DataIssue } from '../../../src/model/index.js'
import { CrownpathError } from '../../../src/model/index.js'
import type { OrgFile } from '../schemas/org.js'
import { decodePolicyDocument } from './policies.js'

/** What the org file contributes. */
export interface OrgResult {
  readonly organization: AwsOrganization
  readonly accounts: AwsAccount[]
  readonly issues: DataIssue[]
}

/**
 * Only SCPs and RCPs take part in authorization; tag, backup, AI opt-out and
 * declarative policies do not.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies.html
 */
const AUTHORIZATION_POLICY_TYPES = new Set(['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'])

/** Transform the org file; throws `CP_ERR_INPUT_SHAPE` for an unknown or cyclic parent. */
export function transformOrg(input: OrgFile, file: string): OrgResult {
  const issues: DataIssue[] = []
  const units: AwsOrgUnit[] = [
    ...input.Roots.map((root) => ({ id: root.Id, name: root.Name ?? 'Root', parentId: null })),
    ...(input.OrganizationalUnits ?? []).map((ou) => ({ id: ou.Id, name: ou.Name, parentId: ou.ParentId })),
  ]
  const parentOf = new Map(units.map((u) => [u.id, u.parentId]))

  /** Root-first chain of ids above (and excluding) `parentId`'s child, ending with `parentId`. */
  const chainTo = (parentId: string, path: string): string[] => {
    const chain: string[] = []
    let current: string | null = parentId
    while (current !== null) {
      if (chain.includes(current)) {
        throw new CrownpathError('CP_ERR_INPUT_SHAPE', { file, path, expected: `an acyclic parent chain (\`${current}\` is its own ancestor)` })
      }
      if (!parentOf.has(current)) {
        throw new CrownpathError('CP_ERR_INPUT_SHAPE', { file, path, expected: `a parent id listed in Roots or OrganizationalUnits, got \`${current}\`` })
      }
      chain.unshift(current)
      current = parentOf.get(current) ?? null
    }
    return chain
  }
  ;(input.OrganizationalUnits ?? []).forEach((ou, i) => chainTo(ou.ParentId, `$.OrganizationalUnits[${i}].ParentId`))

  const managementId = input.Organization.MasterAccountId ?? null
  const accounts: AwsAccount[] = input.Accounts.map((account, i) => ({
    id: account.Id,
    name: account.Name ?? null,
    orgPath: chainTo(account.ParentId, `$.Accounts[${i}].ParentId`),
    organizationId: input.Organization.Id,
    isManagementAccount: account.Id === managementId,
  }))

  const known = new Set([...units.map((u) => u.id), ...accounts.map((a) => a.id)])
  const policies: AwsOrgPolicy[] = []
  ;(input.Policies ?? []).forEach((entry, i) => {
    const type = entry.PolicySummary.Type
    if (!AUTHORIZATION_POLICY_TYPES.has(type)) return
    for (const target of entry.Targets) {
      if (!known.has(target.TargetId)) {
        issues.push({ severity: 'warning', where: `${file} $.Policies[${i}]`, message: `policy \`${entry.PolicySummary.Id}\` targets \`${target.TargetId}\`, which is not in the file` })
      }
    }
    policies.push({
      id: entry.PolicySummary.Id,
      arn: entry.PolicySummary.Arn ?? null,
      name: entry.PolicySummary.Name,
      type: type as AwsOrgPolicy['type'],
      document: decodePolicyDocument(entry.Content, file, `$.Policies[${i}].Content`),
      targets: entry.Targets.map((t) => t.TargetId),
    })
  })

  return {
    organization: { id: input.Organization.Id, managementAccountId: managementId, units, policies },
    accounts,
    issues,
  }
}
