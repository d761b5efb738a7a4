/**
 * @module generate/aws
 * Synthetic AWS estates in the real input formats: one
 * `get-account-authorization-details` file per account (CLI shape, every
 * fifth account in the raw URL-encoded API shape), crownpath's resources file,
 * an Organizations file, access-key listings and a gitleaks report.
 */
import type { Random } from './random.js'

/** Sizes of one synthetic AWS estate. */
export interface AwsScale {
  readonly accounts: number
  readonly principals: number
  readonly policies: number
  readonly resources: number
  /** Principals given a known escalation permission set. */
  readonly privescPrincipals: number
  readonly exposedKeys: number
}

type Json = Record<string, unknown>

const BASE_ACCOUNT = 300000000000
const ADMIN_POLICY = 'arn:aws:iam::aws:policy/AdministratorAccess'
const READONLY_POLICY = 'arn:aws:iam::aws:policy/ReadOnlyAccess'

/** Ordinary (non-escalating) action sets, weighted towards the common ones. */
const ORDINARY_ACTIONS: readonly (readonly string[])[] = [
  ['s3:GetObject', 's3:ListBucket'],
  ['s3:PutObject', 's3:GetObject'],
  ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
  ['logs:CreateLogStream', 'logs:PutLogEvents'],
  ['ec2:Describe*'],
  ['cloudwatch:PutMetricData'],
  ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage'],
  ['sns:Publish'],
  ['kms:Decrypt'],
  ['secretsmanager:GetSecretValue'],
  ['lambda:InvokeFunction'],
  ['ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
]

/** Wildcard grants found in the long tail of inline policies. */
const WILDCARD_ACTIONS: readonly string[] = ['s3:*', 'ec2:*', 'dynamodb:*', 'lambda:*', 'sqs:*', 'logs:*', 'cloudwatch:*']

/** Escalation permission sets seeded on a few hundred principals (see shared/aws-techniques.md). */
const PRIVESC_SETS: readonly (readonly string[])[] = [
  ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'],
  ['iam:CreatePolicyVersion'],
  ['iam:AttachUserPolicy'],
  ['iam:PutRolePolicy'],
  ['iam:CreateAccessKey'],
  ['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole'],
  ['iam:PassRole', 'ec2:RunInstances'],
  ['lambda:UpdateFunctionCode'],
  ['ssm:SendCommand'],
  ['sagemaker:CreatePresignedNotebookInstanceUrl'],
]

const RESOURCE_KINDS = ['s3:bucket', 'lambda:function', 'ec2:instance', 'kms:key', 'secretsmanager:secret', 'sqs:queue', 'sagemaker:notebook-instance'] as const
const CLASSIFICATION_TAGS = ['public', 'internal', 'internal', 'internal', 'confidential', 'restricted'] as const

/** What the AWS generator writes, by relative file name. */
export interface AwsGenerated {
  readonly files: Readonly<Record<string, unknown>>
  /** Relative paths grouped by loader option. */
  readonly authDetails: readonly string[]
  readonly resources: string
  readonly org: string
  readonly accessKeys: string
  readonly gitleaks: string
  readonly counts: Readonly<Record<string, number>>
}

function statement(actions: readonly string[], resources: readonly string[], extra: Json = {}): Json {
  return { Effect: 'Allow', Action: actions.length === 1 ? actions[0] : [...actions], Resource: resources.length === 1 ? resources[0] : [...resources], ...extra }
}

function doc(statements: readonly Json[]): Json {
  return { Version: '2012-10-17', Statement: statements }
}

/** Generate one AWS estate. Deterministic for a given random source. */
export function generateAws(scale: AwsScale, random: Random): AwsGenerated {
  const accounts = Array.from({ length: scale.accounts }, (_, i) => String(BASE_ACCOUNT + i * 1111))
  const perAccountPrincipals = Math.max(4, Math.floor(scale.principals / scale.accounts))
  const perAccountResources = Math.max(1, Math.floor(scale.resources / scale.accounts))
  const customerPoliciesPerAccount = Math.max(2, Math.floor((scale.policies * 0.5) / scale.accounts))
  const inlineBudget = Math.max(0, scale.policies - customerPoliciesPerAccount * scale.accounts)
  const inlinePerPrincipalMean = inlineBudget / Math.max(1, scale.principals)
  const files: Record<string, unknown> = {}
  const authDetails: string[] = []
  const resources: Json[] = []
  const accessKeyUsers: Json[] = []
  const leaks: Json[] = []
  let privescLeft = scale.privescPrincipals
  let exposedLeft = scale.exposedKeys
  let inlineCount = 0
  const allRoleArns: string[] = []

  accounts.forEach((account, accountIndex) => {
    const userCount = Math.max(2, Math.floor(perAccountPrincipals * 0.4))
    const roleCount = Math.max(2, perAccountPrincipals - userCount)
    const groupCount = Math.max(1, Math.floor(userCount / 20))
    const bucketArns: string[] = []
    const functionRoleArns: string[] = []
    const ec2RoleArns: string[] = []

    // Customer-managed policies: scoped grants over this account's resources.
    const policies: Json[] = []
    const customerPolicyArns: string[] = []
    for (let p = 0; p < customerPoliciesPerAccount; p++) {
      const arn = `arn:aws:iam::${account}:policy/app-${p}-access`
      const actions = random.pick(ORDINARY_ACTIONS)
      const document = doc([statement(actions, [`arn:aws:s3:::acct${account}-data-${random.int(0, 199)}/*`, `arn:aws:dynamodb:us-east-1:${account}:table/t-${random.int(0, 99)}`])])
      customerPolicyArns.push(arn)
      policies.push({
        PolicyName: `app-${p}-access`,
        PolicyId: `ANPA${random.hex(16).toUpperCase()}`,
        Arn: arn,
        Path: '/',
        DefaultVersionId: 'v1',
        AttachmentCount: 1,
        PermissionsBoundaryUsageCount: 0,
        IsAttachable: true,
        CreateDate: '2024-01-01T00:00:00Z',
        UpdateDate: '2024-01-01T00:00:00Z',
        PolicyVersionList: [{ Document: document, VersionId: 'v1', IsDefaultVersion: true, CreateDate: '2024-01-01T00:00:00Z' }],
      })
    }

    const inlinePolicies = (principalName: string): Json[] => {
      const count = random.chance(Math.min(0.95, inlinePerPrincipalMean / 2)) ? random.tail(1, 20, 1.35) : 0
      inlineCount += count
      return Array.from({ length: count }, (_, i) => {
        const isWildcard = random.chance(0.15)
        const actions = isWildcard ? [random.pick(WILDCARD_ACTIONS)] : random.pick(ORDINARY_ACTIONS)
        const target = isWildcard ? ['*'] : [`arn:aws:s3:::acct${account}-data-${random.int(0, 199)}/*`]
        return { PolicyName: `${principalName}-inline-${i}`, PolicyDocument: doc([statement(actions, target)]) }
      })
    }

    const privescStatement = (): Json[] => {
      if (privescLeft <= 0 || !random.chance((scale.privescPrincipals * 1.5) / Math.max(1, scale.principals))) return []
      privescLeft--
      return [{ PolicyName: 'ops-automation', PolicyDocument: doc([statement(random.pick(PRIVESC_SETS), ['*'])]) }]
    }

    const groups: Json[] = Array.from({ length: groupCount }, (_, g) => ({
      Path: '/',
      GroupName: `team-${g}`,
      GroupId: `AGPA${random.hex(16).toUpperCase()}`,
      Arn: `arn:aws:iam::${account}:group/team-${g}`,
      CreateDate: '2023-06-01T00:00:00Z',
      GroupPolicyList: inlinePolicies(`team-${g}`),
      AttachedManagedPolicies: random.sample(customerPolicyArns, random.int(1, 3)).map((arn) => ({ PolicyName: arn.split('/').pop(), PolicyArn: arn })),
    }))

    const users: Json[] = []
    for (let u = 0; u < userCount; u++) {
      const isBreakGlass = u === 0
      const isAdmin = isBreakGlass || random.chance(0.01)
      const name = isBreakGlass ? 'breakglass-admin' : `user-${accountIndex}-${u}`
      const arn = `arn:aws:iam::${account}:user/${name}`
      const attached = isAdmin ? [ADMIN_POLICY] : random.sample(customerPolicyArns, random.int(0, 3))
      users.push({
        Path: '/',
        UserName: name,
        UserId: `AIDA${random.hex(16).toUpperCase()}`,
        Arn: arn,
        CreateDate: '2023-01-15T00:00:00Z',
        UserPolicyList: [...inlinePolicies(name), ...(isAdmin ? [] : privescStatement())],
        GroupList: isBreakGlass ? [] : random.sample(groups, random.int(0, 2)).map((g) => g['GroupName']),
        AttachedManagedPolicies: attached.map((a) => ({ PolicyName: a.split('/').pop(), PolicyArn: a })),
        Tags: isBreakGlass ? [{ Key: 'crownpath:break-glass', Value: 'true' }] : [],
      })
      const keyCount = isBreakGlass ? 0 : random.pick([0, 1, 1, 1, 2])
      const keys = Array.from({ length: keyCount }, () => ({
        UserName: name,
        UserArn: arn,
        AccessKeyId: `AKIA${random.hex(16).toUpperCase()}`,
        Status: random.chance(0.9) ? 'Active' : 'Inactive',
        CreateDate: `202${random.int(1, 5)}-0${random.int(1, 9)}-1${random.int(0, 9)}T00:00:00Z`,
        ...(random.chance(0.7) ? { AccessKeyLastUsed: { LastUsedDate: `2026-${String(random.int(1, 11)).padStart(2, '0')}-0${random.int(1, 9)}T00:00:00Z`, ServiceName: 's3', Region: 'us-east-1' } } : {}),
      }))
      if (keys.length > 0) {
        accessKeyUsers.push({ AccessKeyMetadata: keys })
        if (exposedLeft > 0 && random.chance((scale.exposedKeys * 3) / Math.max(1, scale.principals))) {
          exposedLeft--
          leaks.push({
            Description: 'AWS Access Key',
            StartLine: random.int(1, 200),
            EndLine: 0,
            File: `config/settings-${random.int(1, 50)}.env`,
            Commit: random.hex(40),
            RuleID: 'aws-access-token',
            Match: `aws_access_key_id = ${(keys[0] as Json)['AccessKeyId']}`,
            Secret: (keys[0] as Json)['AccessKeyId'],
            Date: '2026-10-01T10:00:00Z',
            Fingerprint: `${random.hex(40)}:config:aws-access-token:1`,
          })
        }
      }
    }

    const roles: Json[] = []
    for (let r = 0; r < roleCount; r++) {
      const flavour = random.next()
      const name = `role-${accountIndex}-${r}`
      const arn = `arn:aws:iam::${account}:role/${name}`
      allRoleArns.push(arn)
      let trust: Json
      let instanceProfiles: Json[] = []
      if (flavour < 0.3) {
        trust = doc([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }])
        functionRoleArns.push(arn)
      } else if (flavour < 0.5) {
        trust = doc([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }])
        instanceProfiles = [{ Path: '/', InstanceProfileName: name, InstanceProfileId: `AIPA${random.hex(16).toUpperCase()}`, Arn: `arn:aws:iam::${account}:instance-profile/${name}`, CreateDate: '2024-01-01T00:00:00Z', Roles: [] }]
        ec2RoleArns.push(arn)
      } else if (flavour < 0.6 && accountIndex > 0) {
        // Cross-account chains: trust a role (or the root) of an earlier account.
        const trusted = random.chance(0.5) && allRoleArns.length > roleCount ? random.pick(allRoleArns.slice(0, allRoleArns.length - r - 1)) : `arn:aws:iam::${accounts[random.int(0, accountIndex - 1)]}:root`
        trust = doc([{ Effect: 'Allow', Principal: { AWS: trusted }, Action: 'sts:AssumeRole', ...(random.chance(0.3) ? { Condition: { StringEquals: { 'sts:ExternalId': random.hex(12) } } } : {}) }])
      } else if (flavour < 0.63) {
        trust = doc([{ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com` }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': random.chance(0.1) ? 'repo:acme/*' : `repo:acme/svc-${random.int(0, 99)}:ref:refs/heads/main` } } }])
      } else {
        trust = doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' }])
      }
      const isAdmin = random.chance(0.02)
      roles.push({
        Path: '/',
        RoleName: name,
        RoleId: `AROA${random.hex(16).toUpperCase()}`,
        Arn: arn,
        CreateDate: '2023-03-01T00:00:00Z',
        AssumeRolePolicyDocument: trust,
        InstanceProfileList: instanceProfiles,
        RolePolicyList: [...inlinePolicies(name), ...(isAdmin ? [] : privescStatement())],
        AttachedManagedPolicies: (isAdmin ? [ADMIN_POLICY] : random.chance(0.1) ? [READONLY_POLICY] : random.sample(customerPolicyArns, random.int(0, 3))).map((a) => ({ PolicyName: a.split('/').pop(), PolicyArn: a })),
        Tags: [],
        RoleLastUsed: random.chance(0.7) ? { LastUsedDate: '2026-11-0' + random.int(1, 9) + 'T00:00:00Z', Region: 'us-east-1' } : {},
        MaxSessionDuration: 3600,
      })
    }

    // The AWS-managed policies the principals attach, as authorization details list them.
    for (const [name, arn] of [['AdministratorAccess', ADMIN_POLICY], ['ReadOnlyAccess', READONLY_POLICY]] as const) {
      const document = name === 'AdministratorAccess' ? doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]) : doc([{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*', 'ec2:Describe*', 'iam:Get*', 'iam:List*'], Resource: '*' }])
      policies.push({ PolicyName: name, PolicyId: `ANPA${random.hex(16).toUpperCase()}`, Arn: arn, Path: '/', DefaultVersionId: 'v1', AttachmentCount: 1, PermissionsBoundaryUsageCount: 0, IsAttachable: true, CreateDate: '2015-02-06T18:39:46Z', UpdateDate: '2015-02-06T18:39:46Z', PolicyVersionList: [{ Document: document, VersionId: 'v1', IsDefaultVersion: true, CreateDate: '2015-02-06T18:39:46Z' }] })
    }

    // Resources: buckets, functions, instances, keys, secrets, queues, notebooks.
    for (let i = 0; i < perAccountResources; i++) {
      const kind = RESOURCE_KINDS[i % RESOURCE_KINDS.length] as (typeof RESOURCE_KINDS)[number]
      const tags = { DataClassification: random.pick(CLASSIFICATION_TAGS) }
      switch (kind) {
        case 's3:bucket': {
          const name = `acct${account}-data-${bucketArns.length}`
          const arn = `arn:aws:s3:::${name}`
          bucketArns.push(arn)
          const policy = random.chance(0.1) ? doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accounts[random.int(0, accounts.length - 1)]}:root` }, Action: 's3:GetObject', Resource: `${arn}/*` }]) : null
          resources.push({ arn, type: kind, name, accountId: account, region: 'us-east-1', tags, ...(policy ? { policy } : {}) })
          break
        }
        case 'lambda:function': {
          const name = `fn-${i}`
          resources.push({ arn: `arn:aws:lambda:us-east-1:${account}:function:${name}`, type: kind, name, region: 'us-east-1', tags, runsAs: functionRoleArns.length ? [random.pick(functionRoleArns)] : [] })
          break
        }
        case 'ec2:instance': {
          const id = `i-${random.hex(17)}`
          resources.push({ arn: `arn:aws:ec2:us-east-1:${account}:instance/${id}`, type: kind, name: id, region: 'us-east-1', tags, runsAs: ec2RoleArns.length ? [random.pick(ec2RoleArns)] : [], properties: { state: 'running', ssmManaged: random.chance(0.6) } })
          break
        }
        case 'kms:key': {
          const id = random.guid()
          const arn = `arn:aws:kms:us-east-1:${account}:key/${id}`
          resources.push({ arn, type: kind, name: id, region: 'us-east-1', tags, policy: doc([{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'kms:*', Resource: '*' }]) })
          break
        }
        case 'secretsmanager:secret': {
          const name = `svc/secret-${i}`
          resources.push({ arn: `arn:aws:secretsmanager:us-east-1:${account}:secret:${name}-${random.hex(6)}`, type: kind, name, region: 'us-east-1', tags })
          break
        }
        case 'sqs:queue': {
          const name = `queue-${i}`
          resources.push({ arn: `arn:aws:sqs:us-east-1:${account}:${name}`, type: kind, name, region: 'us-east-1', tags })
          break
        }
        case 'sagemaker:notebook-instance': {
          const name = `nb-${i}`
          resources.push({ arn: `arn:aws:sagemaker:us-east-1:${account}:notebook-instance/${name}`, type: kind, name, region: 'us-east-1', tags, runsAs: functionRoleArns.length ? [random.pick(functionRoleArns)] : [], properties: { status: 'InService' } })
          break
        }
      }
    }

    const details = { UserDetailList: users, GroupDetailList: groups, RoleDetailList: roles, Policies: policies, IsTruncated: false }
    const file = `aws/auth-details-${account}.json`
    // Every fifth account in the raw API shape, where policy documents are URL-encoded JSON strings.
    files[file] = accountIndex % 5 === 4 ? encodeRaw(details) : details
    authDetails.push(file)
  })

  const org = buildOrganization(accounts, random)
  files['aws/resources.json'] = { resources }
  files['aws/org.json'] = org
  // `aws iam list-access-keys` output, one document per user.
  files['aws/access-keys.json'] = accessKeyUsers
  files['leaks/gitleaks.json'] = leaks
  return {
    files,
    authDetails,
    resources: 'aws/resources.json',
    org: 'aws/org.json',
    accessKeys: 'aws/access-keys.json',
    gitleaks: 'leaks/gitleaks.json',
    counts: {
      accounts: accounts.length,
      principals: scale.principals,
      customerPolicies: customerPoliciesPerAccount * accounts.length,
      inlinePolicies: inlineCount,
      resources: resources.length,
      privescSeeded: scale.privescPrincipals - privescLeft,
      exposedKeys: leaks.length,
    },
  }
}

/** The raw IAM API returns policy documents as URL-encoded JSON strings. */
function encodeRaw(details: Record<string, unknown>): Record<string, unknown> {
  const encode = (document: unknown): string => encodeURIComponent(JSON.stringify(document))
  const mapInline = (list: unknown): unknown => (list as Json[]).map((p) => ({ ...p, PolicyDocument: encode(p['PolicyDocument']) }))
  return {
    ...details,
    UserDetailList: (details['UserDetailList'] as Json[]).map((u) => ({ ...u, UserPolicyList: mapInline(u['UserPolicyList']) })),
    GroupDetailList: (details['GroupDetailList'] as Json[]).map((g) => ({ ...g, GroupPolicyList: mapInline(g['GroupPolicyList']) })),
    RoleDetailList: (details['RoleDetailList'] as Json[]).map((r) => ({ ...r, AssumeRolePolicyDocument: encode(r['AssumeRolePolicyDocument']), RolePolicyList: mapInline(r['RolePolicyList']) })),
    Policies: (details['Policies'] as Json[]).map((p) => ({ ...p, PolicyVersionList: (p['PolicyVersionList'] as Json[]).map((v) => ({ ...v, Document: encode(v['Document']) })) })),
  }
}

/** One root, a few OUs, every account in an OU, and SCPs: FullAWSAccess plus a deny-leave-org guardrail. */
function buildOrganization(accounts: readonly string[], random: Random): Json {
  const rootId = 'r-synt'
  // Organizations ids have fixed shapes (`ou-<root>-<8+ chars>`); loaders check them.
  const ous = ['prod', 'dev', 'ml', 'sandbox'].map((name) => ({ Id: `ou-synt-${name.padEnd(8, '0')}`, Name: name, ParentId: rootId }))
  const fullAccess = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }
  const guardrail = { Version: '2012-10-17', Statement: [{ Sid: 'DenyLeaveOrg', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }] }
  return {
    Organization: { Id: 'o-synthetic1', MasterAccountId: accounts[0], FeatureSet: 'ALL' },
    Roots: [{ Id: rootId, Name: 'Root' }],
    OrganizationalUnits: ous,
    Accounts: accounts.map((id, i) => ({ Id: id, Name: `account-${i}`, Status: 'ACTIVE', ParentId: random.pick(ous).Id })),
    Policies: [
      { PolicySummary: { Id: 'p-FullAWSAccess', Arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess', Name: 'FullAWSAccess', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: true }, Content: JSON.stringify(fullAccess), Targets: [{ TargetId: rootId, Type: 'ROOT' }] },
      { PolicySummary: { Id: 'p-guardrail1', Arn: `arn:aws:organizations::${accounts[0]}:policy/o-synthetic1/service_control_policy/p-guardrail1`, Name: 'guardrails', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: false }, Content: JSON.stringify(guardrail), Targets: [{ TargetId: rootId, Type: 'ROOT' }] },
    ],
  }
}
