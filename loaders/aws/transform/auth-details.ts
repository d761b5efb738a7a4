/**
 * @module loaders/aws/transform/auth-details
 * Several `get-account-authorization-details` pages (paginated dumps split over
 * files, several accounts) → users, groups, roles, managed policies and the
 * accounts seen in their ARNs. Records are de-duplicated by ARN across pages
 * (AWS-managed policies appear in every account's dump). Pure.
 */
import type { AwsAccount, AwsGroup, AwsManagedPolicy, AwsRole, AwsUser, DataIssue } from '../../../src/model/index.js'
import { accountOfArn, joinJsonPath } from '../../../src/model/index.js'
import type { AuthDetailsDump } from '../schemas/auth-details.js'
import { transformGroup } from './groups.js'
import { transformManagedPolicy } from './policies.js'
import { transformRole } from './roles.js'
import { transformUser } from './users.js'

/** One validated page and the file it came from. */
export interface AuthDetailsPage {
  readonly file: string
  readonly dump: AuthDetailsDump
}

/** What the authorization details contribute to the inventory. */
export interface AuthDetailsResult {
  readonly accounts: AwsAccount[]
  readonly users: AwsUser[]
  readonly groups: AwsGroup[]
  readonly roles: AwsRole[]
  readonly managedPolicies: AwsManagedPolicy[]
  readonly issues: DataIssue[]
}

/** An account known only from ARNs: no name, no org placement. */
export function accountFromArns(id: string): AwsAccount {
  return { id, name: null, orgPath: [], organizationId: null, isManagementAccount: false }
}

/** Accounts a page belongs to: those named by its principals and customer-managed policies. */
function accountsOfPage(dump: AuthDetailsDump): Set<string> {
  const arns = [
    ...(dump.UserDetailList ?? []).map((u) => u.Arn),
    ...(dump.GroupDetailList ?? []).map((g) => g.Arn),
    ...(dump.RoleDetailList ?? []).map((r) => r.Arn),
    ...(dump.Policies ?? []).map((p) => p.Arn),
  ]
  const out = new Set<string>()
  for (const arn of arns) {
    const account = accountOfArn(arn)
    if (account && account !== 'aws') out.add(account)
  }
  return out
}

/** Merge and transform every page. Throws `CP_ERR_INPUT_SHAPE` for an undecodable policy document. */
export function transformAuthDetails(pages: readonly AuthDetailsPage[]): AuthDetailsResult {
  const issues: DataIssue[] = []
  // Group names are unique per account, whatever their path, so a user's
  // GroupList (names only) resolves by (account, name) across every page.
  const groupArns = new Map<string, string>()
  for (const { dump } of pages) {
    for (const group of dump.GroupDetailList ?? []) groupArns.set(`${accountOfArn(group.Arn)}/${group.GroupName}`, group.Arn)
  }
  const resolveGroup = (account: string, name: string): string | null => groupArns.get(`${account}/${name}`) ?? null

  const users = new Map<string, AwsUser>()
  const groups = new Map<string, AwsGroup>()
  const roles = new Map<string, AwsRole>()
  const policies = new Map<string, AwsManagedPolicy>()
  for (const { file, dump } of pages) {
    dump.UserDetailList?.forEach((detail, i) => {
      if (!users.has(detail.Arn)) users.set(detail.Arn, transformUser(detail, file, `$.UserDetailList[${i}]`, resolveGroup, issues))
    })
    dump.GroupDetailList?.forEach((detail, i) => {
      if (!groups.has(detail.Arn)) groups.set(detail.Arn, transformGroup(detail, file, `$.GroupDetailList[${i}]`))
    })
    dump.RoleDetailList?.forEach((detail, i) => {
      if (!roles.has(detail.Arn)) roles.set(detail.Arn, transformRole(detail, file, `$.RoleDetailList[${i}]`))
    })
    dump.Policies?.forEach((detail, i) => {
      if (policies.has(detail.Arn)) return
      const path = `$.Policies[${i}]`
      const policy = transformManagedPolicy(detail, file, path)
      const defaults = policy.versions.filter((v) => v.isDefault)
      if (defaults.length !== 1 || defaults[0]!.versionId !== policy.defaultVersionId) {
        issues.push({
          severity: 'warning',
          where: `${file} ${joinJsonPath(path, 'PolicyVersionList')}`,
          message: `policy \`${policy.arn}\` default version \`${policy.defaultVersionId}\` does not match its version list's IsDefaultVersion flags`,
        })
      }
      policies.set(detail.Arn, policy)
    })
  }

  checkPagination(pages, issues)
  checkAttachments([...users.values(), ...groups.values(), ...roles.values()], policies, issues)

  const accountIds = new Set<string>()
  for (const { dump } of pages) for (const id of accountsOfPage(dump)) accountIds.add(id)
  return {
    accounts: [...accountIds].sort().map(accountFromArns),
    users: [...users.values()],
    groups: [...groups.values()],
    roles: [...roles.values()],
    managedPolicies: [...policies.values()],
    issues,
  }
}

/**
 * A paginated dump ends with a page whose `IsTruncated` is false. If every
 * page of an account says it is truncated, the last page was not supplied:
 * the data is incomplete, which is worth a warning but not a failure.
 */
function checkPagination(pages: readonly AuthDetailsPage[], issues: DataIssue[]): void {
  const byAccount = new Map<string, { truncated: number; total: number; files: string[] }>()
  for (const { file, dump } of pages) {
    for (const account of accountsOfPage(dump)) {
      const entry = byAccount.get(account) ?? { truncated: 0, total: 0, files: [] }
      entry.total += 1
      if (dump.IsTruncated === true) entry.truncated += 1
      entry.files.push(file)
      byAccount.set(account, entry)
    }
  }
  for (const [account, entry] of byAccount) {
    if (entry.truncated > 0 && entry.truncated === entry.total) {
      issues.push({
        severity: 'warning',
        where: entry.files.join(', '),
        message: `authorization details of account \`${account}\` are truncated (IsTruncated is true on every page): the last page is missing`,
      })
    }
  }
}

/** Attached customer-managed policies that are not in the data cannot be evaluated. */
function checkAttachments(
  principals: readonly { readonly arn: string; readonly attachedPolicies: readonly string[] }[],
  policies: ReadonlyMap<string, AwsManagedPolicy>,
  issues: DataIssue[],
): void {
  const reported = new Set<string>()
  for (const principal of principals) {
    for (const arn of principal.attachedPolicies) {
      if (policies.has(arn) || reported.has(arn)) continue
      reported.add(arn)
      issues.push({ severity: 'warning', where: principal.arn, message: `attached managed policy \`${arn}\` is not in the authorization details` })
    }
  }
}
