/**
 * @module reports/over-permission-grants
 * The AWS grant checks of the over-permission report: wildcard grants on
 * `Resource: "*"` and the Cloudsplaining-style risk categories, each action
 * confirmed by the evaluator so a deny, boundary or SCP removes it.
 */
import type { Evidence } from '../model/index.js'
import { compileActions, compileAuthorizer, statementMatchesAction, toEvidence } from '../aws/policy/index.js'
import type { AllowedActionGrant, AwsAuthorizer } from '../aws/policy/index.js'
import type { Finding, ReportInput, Severity } from './types.js'

/**
 * Actions that read data in bulk or copy it out (data exfiltration). A list,
 * not an access level: most Read actions return metadata, these return data.
 */
export const DATA_EXFILTRATION_ACTIONS: readonly string[] = [
  's3:GetObject', 's3:GetObjectVersion', 'secretsmanager:GetSecretValue', 'ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath',
  'kms:Decrypt', 'dynamodb:Scan', 'dynamodb:Query', 'dynamodb:GetItem', 'rds:CopyDBSnapshot', 'rds:CreateDBSnapshot', 'ec2:CreateSnapshot',
  'ebs:GetSnapshotBlock', 'glacier:GetJobOutput', 'sagemaker:CreatePresignedNotebookInstanceUrl', 'bedrock:InvokeModel', 'athena:GetQueryResults',
]

/** Actions that hand out credentials or tokens (credentials exposure). */
export const CREDENTIALS_EXPOSURE_ACTIONS: readonly string[] = [
  'iam:CreateAccessKey', 'iam:UpdateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile', 'iam:CreateServiceSpecificCredential',
  'iam:ResetServiceSpecificCredential', 'sts:GetSessionToken', 'sts:GetFederationToken', 'sts:AssumeRole', 'ecr:GetAuthorizationToken',
  'ecr-public:GetAuthorizationToken', 'redshift:GetClusterCredentials', 'rds-db:Connect', 'sso:GetRoleCredentials', 'ec2:GetPasswordData',
  'lightsail:GetInstanceAccessDetails', 'lightsail:GetRelationalDatabaseMasterUserPassword', 'cognito-identity:GetOpenIdToken',
  'codecommit:GetRepositoryCredentials', 'gamelift:RequestUploadCredentials', 'chime:CreateApiKey', 'mediapackage:RotateChannelCredentials',
]

/** Services whose `svc:*` on `*` is high severity on its own. */
const SENSITIVE_SERVICES = new Set(['iam', 'sts', 'kms', 's3', 'secretsmanager', 'ssm', 'organizations', 'lambda', 'ec2'])

/** How many actions a finding names in its details (the count covers all). */
const SAMPLE = 10

type Category = 'data-exfiltration' | 'credentials-exposure' | 'resource-exposure' | 'infrastructure-modification'

const CATEGORY_SEVERITY: Readonly<Record<Category, Severity>> = {
  'data-exfiltration': 'high',
  'credentials-exposure': 'high',
  'resource-exposure': 'high',
  'infrastructure-modification': 'medium',
}

const CATEGORY_REMEDIATION: Readonly<Record<Category, string>> = {
  'data-exfiltration': 'Scope data reads to the named buckets, tables, secrets and keys the workload uses instead of `Resource: "*"`.',
  'credentials-exposure': 'Remove credential-issuing actions or scope them to the principal itself (`${aws:username}`) and require MFA.',
  'resource-exposure': 'Remove permissions-management actions on `*`; they let the principal rewrite resource policies and share data outside the account.',
  'infrastructure-modification': 'Scope write actions to the resources the principal manages (ARNs, tags with `aws:ResourceTag`), not `*`.',
}

function grantEvidence(grant: AllowedActionGrant, action: string | null): Evidence {
  return toEvidence(grant.evidence, action, grant.isNotResource ? `NotResource ${grant.resources.join(', ')}` : grant.resources.join(', '))
}

/** A grant whose resource element reaches everything (`*`, or NotResource). */
function isUnscoped(grant: AllowedActionGrant): boolean {
  return grant.isNotResource || grant.resources.some((r) => r === '*' || r === 'arn:aws:*:*:*:*' || r === 'arn:*:*:*:*:*')
}

function wildcardFindings(principal: string, name: string, grants: readonly AllowedActionGrant[]): Finding[] {
  const findings: Finding[] = []
  for (const grant of grants.filter(isUnscoped)) {
    const idBase = `${principal}:${grant.evidence.policy}:${grant.evidence.statement}`
    const common = { subject: principal, subjectName: name, provider: 'aws' as const, evidence: [grantEvidence(grant, null)] }
    if (grant.isNotAction) {
      findings.push({ ...common, id: `not-action-allow:${idBase}`, check: 'not-action-allow', category: 'wildcard-grant', severity: 'high', title: `${name} is allowed every action except ${grant.actions.join(', ')} on *`, remediation: 'Replace `NotAction` with an explicit list of the actions needed: an Allow with NotAction grants every new action AWS ships.', details: { except: grant.actions.join(', ') } })
      continue
    }
    for (const pattern of grant.actions) {
      if (pattern === '*') {
        findings.push({ ...common, id: `wildcard-all-actions:${idBase}`, check: 'wildcard-all-actions', category: 'wildcard-grant', severity: 'high', title: `${name} is allowed * on *${grant.conditions.length ? ' (with conditions)' : ''}`, remediation: 'Replace `Action: "*"` with the services and actions the principal uses (IAM Access Analyzer policy generation can draft it from CloudTrail).', details: { conditions: grant.conditions.length } })
      } else if (/^[a-z0-9-]+:\*$/i.test(pattern)) {
        const service = pattern.split(':')[0]!.toLowerCase()
        findings.push({ ...common, id: `wildcard-service-action:${idBase}:${service}`, check: 'wildcard-service-action', category: 'wildcard-grant', severity: SENSITIVE_SERVICES.has(service) ? 'high' : 'medium', title: `${name} is allowed ${pattern} on *`, remediation: `Replace \`${pattern}\` with the ${service} actions needed, on the resources needed.`, details: { service } })
      }
    }
  }
  return findings
}

/** Concrete actions a grant allows that fall in each risk category (before evaluation). */
function categorise(grant: AllowedActionGrant, input: ReportInput): Map<Category, string[]> {
  const out = new Map<Category, string[]>()
  const add = (c: Category, a: string): void => {
    const list = out.get(c) ?? []
    list.push(a)
    out.set(c, list)
  }
  const matcher = compileActions(grant.actions, grant.isNotAction)
  for (const a of DATA_EXFILTRATION_ACTIONS) if (statementMatchesAction(matcher, a.toLowerCase())) add('data-exfiltration', a)
  for (const a of CREDENTIALS_EXPOSURE_ACTIONS) if (statementMatchesAction(matcher, a.toLowerCase())) add('credentials-exposure', a)
  const catalog = input.catalog
  if (catalog) {
    for (const action of catalog.expandAll(grant.actions, grant.isNotAction)) {
      const level = catalog.accessLevel(action)
      if (level === 'Permissions management') add('resource-exposure', action)
      else if (level === 'Write' && !CREDENTIALS_EXPOSURE_ACTIONS.includes(action)) add('infrastructure-modification', action)
    }
  }
  return out
}

/** Categories by grant action list: shared managed policies give thousands of principals the same lists. */
type CategoryCache = Map<string, ReadonlyMap<Category, readonly string[]>>

function categoriseOnce(grant: AllowedActionGrant, input: ReportInput, cache: CategoryCache): ReadonlyMap<Category, readonly string[]> {
  const key = `${grant.isNotAction ? '!' : ''}${grant.actions.join('\u0000')}`
  let categories = cache.get(key)
  if (categories === undefined) cache.set(key, (categories = categorise(grant, input)))
  return categories
}

function categoryFindings(principal: string, name: string, grants: readonly AllowedActionGrant[], authorizer: AwsAuthorizer, input: ReportInput, cache: CategoryCache): Finding[] {
  const allowed = new Map<Category, { actions: Set<string>; evidence: Evidence[] }>()
  const decided = new Map<string, boolean>()
  for (const grant of grants.filter(isUnscoped)) {
    for (const [category, actions] of categoriseOnce(grant, input, cache)) {
      for (const action of actions) {
        let ok = decided.get(action)
        if (ok === undefined) {
          // Confirm with the full evaluation: denies, boundaries and SCPs remove the action.
          ok = authorizer.evaluate({ principal, action, resource: '*' }).decision === 'allowed'
          decided.set(action, ok)
        }
        if (!ok) continue
        const entry = allowed.get(category) ?? { actions: new Set<string>(), evidence: [] }
        if (!entry.actions.has(action) && entry.evidence.length < 20) entry.evidence.push(grantEvidence(grant, action))
        entry.actions.add(action)
        allowed.set(category, entry)
      }
    }
  }
  return [...allowed.entries()].map(([category, { actions, evidence }]) => {
    const list = [...actions].sort()
    return {
      id: `risk-${category}:${principal}`,
      check: `risk-${category}`,
      category,
      severity: CATEGORY_SEVERITY[category],
      title: `${name}: ${category.replace('-', ' ')} — ${list.length} action${list.length === 1 ? '' : 's'} on *`,
      subject: principal,
      subjectName: name,
      provider: 'aws' as const,
      evidence,
      remediation: CATEGORY_REMEDIATION[category],
      details: { actionCount: list.length, actions: list.slice(0, SAMPLE).join(', ') + (list.length > SAMPLE ? ', …' : '') },
    }
  })
}

/** Wildcard and risk-category findings for every non-tier-zero AWS user and role. */
export function awsGrantFindings(input: ReportInput): Finding[] {
  const aws = input.inventory.aws
  if (aws.users.length + aws.roles.length === 0) return []
  const authorizer = compileAuthorizer(aws, input.catalog ? { catalog: input.catalog } : {})
  const tierZero = new Set(input.nodes.filter((n) => n.isTierZero).map((n) => n.id))
  const findings: Finding[] = []
  const categories: CategoryCache = new Map()
  const principals = [...aws.users.map((u) => ({ arn: u.arn, name: u.name })), ...aws.roles.filter((r) => !r.isServiceLinked).map((r) => ({ arn: r.arn, name: r.name }))]
  for (const { arn, name } of principals) {
    // Admins are reported once as admin-equivalent; their wildcards are the point of them.
    if (tierZero.has(arn)) continue
    const grants = authorizer.allowedActions(arn).filter((g) => g.evidence.policyType === 'identity')
    findings.push(...wildcardFindings(arn, name, grants), ...categoryFindings(arn, name, grants, authorizer, input, categories))
  }
  return findings
}
