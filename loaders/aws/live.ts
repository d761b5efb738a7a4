/**
 * @module loaders/aws/live
 * Live, read-only collection from AWS APIs with the v3 SDK: IAM authorization
 * details (paginated), access keys, credential report, MFA devices,
 * Organizations, and resources (S3, Lambda, EC2, KMS, Secrets Manager; SQS,
 * SNS, ECR, SageMaker, Bedrock agents in live-services.ts). The
 * raw API answers are turned into the same shapes the file loaders accept and
 * go through the same validation and transforms. Throttling is left to the
 * SDK's retry (`maxAttempts`); calls fan out with bounded concurrency; a
 * service that fails (AccessDenied) becomes a `DataIssue`, not an abort.
 */
import { IAMClient, paginateGetAccountAuthorizationDetails, ListAccessKeysCommand, GetAccessKeyLastUsedCommand, GenerateCredentialReportCommand, GetCredentialReportCommand, ListMFADevicesCommand } from '@aws-sdk/client-iam'
import { STSClient, AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import {
  OrganizationsClient,
  DescribeOrganizationCommand,
  paginateListRoots,
  paginateListOrganizationalUnitsForParent,
  paginateListAccountsForParent,
  paginateListPolicies,
  DescribePolicyCommand,
  paginateListTargetsForPolicy,
} from '@aws-sdk/client-organizations'
import { S3Client, ListBucketsCommand, GetBucketPolicyCommand, GetBucketTaggingCommand } from '@aws-sdk/client-s3'
import { LambdaClient, paginateListFunctions } from '@aws-sdk/client-lambda'
import { EC2Client, paginateDescribeInstances } from '@aws-sdk/client-ec2'
import { KMSClient, paginateListKeys, GetKeyPolicyCommand } from '@aws-sdk/client-kms'
import { SecretsManagerClient, paginateListSecrets, GetResourcePolicyCommand } from '@aws-sdk/client-secrets-manager'
import { SQSClient } from '@aws-sdk/client-sqs'
import { SNSClient } from '@aws-sdk/client-sns'
import { ECRClient } from '@aws-sdk/client-ecr'
import { SageMakerClient } from '@aws-sdk/client-sagemaker'
import { BedrockAgentClient } from '@aws-sdk/client-bedrock-agent'
import type { AwsUser, DataIssue, InventoryPart, SourceRef } from '../../src/model/index.js'
import { CrownpathError, SILENT_PROGRESS, assertShape } from '../../src/model/index.js'
import { AuthDetailsInput } from './schemas/auth-details.js'
import { OrgFileInput, type OrgFile } from './schemas/org.js'
import { CrownpathResourcesInput, Ec2DescribeInstancesInput, LambdaListFunctionsInput, type CrownpathResource } from './schemas/resources.js'
import type { AccessKeyEntry } from './schemas/access-keys.js'
import { assembleAwsInventory, type AwsInputs } from './transform/assemble.js'
import { transformCredentialReport, type CredentialReportRow } from './transform/credential-report.js'
import { transformCrownpathResources, transformEc2Instances, transformLambdaFunctions } from './transform/resource-policies.js'
import { collectAgents, collectQueues, collectRepositories, collectSageMaker, collectTopics, isAbsent, readFunctionPolicy, tagRecord } from './live-services.js'
import { LIVE_SERVICES, mapWithConcurrency, type AwsLiveOptions, type LiveCredentials, type LiveService } from './live-options.js'

export { LIVE_SERVICES, mapWithConcurrency, type AwsLiveOptions, type LiveCredentials, type LiveService } from './live-options.js'

/** Error name and message of an SDK error, without request ids or secrets. */
function describeError(error: unknown): { name: string; message: string } {
  const name = (error as { name?: string })?.name ?? 'Error'
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/\.$/, '')
  return { name, message }
}

const AUTH_ERRORS = new Set(['InvalidClientTokenId', 'SignatureDoesNotMatch', 'ExpiredToken', 'ExpiredTokenException', 'UnrecognizedClientException', 'CredentialsProviderError'])

/** JSON round trip: SDK outputs carry `Date`s and `$metadata`; the file shapes carry ISO strings. */
function toPlain<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === '$metadata' ? undefined : v))) as unknown
}

/** Collect an AWS account live. Throws `CP_ERR_LIVE_AUTH` / `CP_ERR_LIVE_FAILED` only when IAM itself cannot be read. */
export async function collectAwsLive(options: AwsLiveOptions = {}): Promise<InventoryPart> {
  const progress = options.progress ?? SILENT_PROGRESS
  const now = options.now ?? (() => new Date())
  const concurrency = options.concurrency ?? 4
  const region = options.region ?? 'us-east-1'
  const base = {
    region,
    maxAttempts: options.maxAttempts ?? 5,
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  }
  let credentials: LiveCredentials | undefined = options.credentials
  const issues: DataIssue[] = []

  progress.step('checking AWS credentials')
  let accountId: string
  try {
    const sts = new STSClient({ ...base, ...(credentials ? { credentials } : {}) })
    if (options.roleArn) {
      // https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
      const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: options.roleArn, RoleSessionName: 'crownpath-collect' }))
      const c = assumed.Credentials
      if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('AssumeRole returned no credentials')
      // Held in memory for this run only; never stored or logged.
      credentials = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}) }
    }
    const identitySts = options.roleArn ? new STSClient({ ...base, credentials: credentials! }) : sts
    const identity = await identitySts.send(new GetCallerIdentityCommand({}))
    if (!identity.Account) throw new Error('GetCallerIdentity returned no account')
    accountId = identity.Account
  } catch (error) {
    const { name, message } = describeError(error)
    throw new CrownpathError('CP_ERR_LIVE_AUTH', { provider: 'aws', reason: `${name}: ${message}` }, { cause: error })
  }
  const config = { ...base, ...(credentials ? { credentials } : {}) }
  const location = `live:aws:${accountId}`
  const where = (service: string): string => `${location}:${service}`

  // IAM is the heart of the inventory: failing here fails the run.
  progress.step('collecting IAM authorization details')
  const iam = new IAMClient(config)
  const authDetails: AwsInputs['authDetails'][number][] = []
  try {
    let page = 0
    for await (const output of paginateGetAccountAuthorizationDetails({ client: iam }, {})) {
      const plain = toPlain(output)
      const file = `${where('iam')}#page-${++page}`
      assertShape(AuthDetailsInput, plain, file)
      authDetails.push({ file, dump: plain })
      progress.tick(page, page)
    }
  } catch (error) {
    if (error instanceof CrownpathError) throw error
    const { name, message } = describeError(error)
    if (AUTH_ERRORS.has(name)) throw new CrownpathError('CP_ERR_LIVE_AUTH', { provider: 'aws', reason: `${name}: ${message}` }, { cause: error })
    throw new CrownpathError('CP_ERR_LIVE_FAILED', { provider: 'aws', reason: `iam GetAccountAuthorizationDetails: ${name}: ${message}` }, { cause: error })
  }
  const userRefs = authDetails.flatMap((p) => (p.dump.UserDetailList ?? []).map((u) => ({ name: u.UserName, arn: u.Arn })))

  /** Run one service's collection; a failure becomes an issue. */
  const guarded = async <T>(service: string, fallback: T, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn()
    } catch (error) {
      if (error instanceof CrownpathError) throw error
      const { name, message } = describeError(error)
      issues.push({ severity: 'error', where: where(service), message: `${service} collection failed: ${name}: ${message}` })
      return fallback
    }
  }

  progress.step('collecting access keys and MFA devices', { users: userRefs.length })
  let done = 0
  const perUser = await mapWithConcurrency(userRefs, concurrency, async (user) => {
    const keys = await guarded<AccessKeyEntry[] | null>('iam:access-keys', null, async () => {
      const listed = await iam.send(new ListAccessKeysCommand({ UserName: user.name }))
      return Promise.all(
        (listed.AccessKeyMetadata ?? []).map(async (k) => {
          const used = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: k.AccessKeyId! }))
          const last = used.AccessKeyLastUsed
          return toPlain({
            UserName: user.name,
            UserArn: user.arn,
            AccessKeyId: k.AccessKeyId,
            Status: k.Status,
            CreateDate: k.CreateDate,
            ...(last ? { AccessKeyLastUsed: { LastUsedDate: last.LastUsedDate, ServiceName: last.ServiceName, Region: last.Region } } : {}),
          }) as AccessKeyEntry
        }),
      )
    })
    const mfa = await guarded<AwsUser['mfaDevices']>('iam:mfa-devices', null, async () => {
      const listed = await iam.send(new ListMFADevicesCommand({ UserName: user.name }))
      return (listed.MFADevices ?? []).map((d) => ({
        serialNumber: d.SerialNumber!,
        enableDate: d.EnableDate ? d.EnableDate.toISOString() : null,
        // Virtual devices have an ARN serial (`arn:aws:iam::<acct>:mfa/<name>`); hardware ones a plain serial.
        isVirtual: (d.SerialNumber ?? '').startsWith('arn:'),
      }))
    })
    progress.tick(++done, userRefs.length)
    return { arn: user.arn, keys, mfa }
  })

  progress.step('collecting the credential report')
  const reportRows = await guarded<CredentialReportRow[]>('iam:credential-report', [], async () => {
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_GenerateCredentialReport.html
    const polls = options.reportPolls ?? 10
    for (let i = 0; i < polls; i++) {
      const state = await iam.send(new GenerateCredentialReportCommand({}))
      if (state.State === 'COMPLETE') break
      await new Promise((resolve) => setTimeout(resolve, options.reportPollMs ?? 2000))
    }
    const report = await iam.send(new GetCredentialReportCommand({}))
    const text = new TextDecoder().decode(report.Content ?? new Uint8Array())
    return transformCredentialReport(text, where('iam:credential-report'))
  })

  const services = new Set<LiveService>(options.services ?? LIVE_SERVICES)
  const resources: AwsInputs['resources'][number][] = []
  const crownpathResources: CrownpathResource[] = []
  let org: AwsInputs['org'] = null

  if (services.has('organizations')) {
    progress.step('collecting Organizations')
    const value = await guarded<OrgFile | null>('organizations', null, () => collectOrganization(new OrganizationsClient({ ...config, region: 'us-east-1' }), issues, where('organizations')))
    if (value) {
      assertShape(OrgFileInput, value, where('organizations'))
      org = { file: where('organizations'), value }
    }
  }
  if (services.has('s3')) {
    progress.step('collecting S3 buckets')
    const s3 = new S3Client({ ...config, ...(options.endpoint ? { forcePathStyle: true } : {}) })
    crownpathResources.push(...(await guarded('s3', [], () => collectBuckets(s3, accountId, concurrency))))
  }
  if (services.has('kms')) {
    progress.step('collecting KMS keys')
    crownpathResources.push(...(await guarded('kms', [], () => collectKeys(new KMSClient(config), concurrency))))
  }
  if (services.has('secretsmanager')) {
    progress.step('collecting Secrets Manager secrets')
    crownpathResources.push(...(await guarded('secretsmanager', [], () => collectSecrets(new SecretsManagerClient(config), concurrency))))
  }
  if (services.has('lambda')) {
    progress.step('collecting Lambda functions')
    const lambda = new LambdaClient(config)
    const functions = await guarded<unknown[]>('lambda', [], async () => {
      const out: unknown[] = []
      for await (const page of paginateListFunctions({ client: lambda }, {})) out.push(...(page.Functions ?? []))
      return out
    })
    const value = toPlain({ Functions: functions })
    assertShape(LambdaListFunctionsInput, value, where('lambda'))
    // Function policies: a denied GetPolicy loses the policies, not the functions.
    const policies = new Map<string, string>()
    await mapWithConcurrency(value.Functions, concurrency, async (fn) => {
      const policy = await guarded<string | null>('lambda:policies', null, () => readFunctionPolicy(lambda, fn.FunctionName))
      if (policy !== null) policies.set(fn.FunctionArn, policy)
    })
    resources.push({ file: where('lambda'), transform: (ctx) => transformLambdaFunctions(value, ctx, policies) })
  }
  if (services.has('ec2')) {
    progress.step('collecting EC2 instances')
    const reservations = await guarded<unknown[]>('ec2', [], async () => {
      const out: unknown[] = []
      for await (const page of paginateDescribeInstances({ client: new EC2Client(config) }, {})) out.push(...(page.Reservations ?? []))
      return out
    })
    const value = toPlain({ Reservations: reservations })
    assertShape(Ec2DescribeInstancesInput, value, where('ec2'))
    resources.push({ file: where('ec2'), transform: (ctx) => transformEc2Instances(value, ctx) })
  }
  /** A failed tag read keeps the resource, untagged, and is reported once per service and error. */
  const tagsFailed =
    (service: string) =>
    (error: unknown): void => {
      const { name, message } = describeError(error)
      issues.push({ severity: 'warning', where: where(`${service}:tags`), message: `${service} tags not read: ${name}: ${message}` })
    }
  if (services.has('sqs')) {
    progress.step('collecting SQS queues')
    // The custom endpoint (tests) also stops the client from sending to the QueueUrl's host.
    crownpathResources.push(...(await guarded('sqs', [], () => collectQueues(new SQSClient(config), concurrency, tagsFailed('sqs')))))
  }
  if (services.has('sns')) {
    progress.step('collecting SNS topics')
    crownpathResources.push(...(await guarded('sns', [], () => collectTopics(new SNSClient(config), concurrency, tagsFailed('sns')))))
  }
  if (services.has('ecr')) {
    progress.step('collecting ECR repositories')
    crownpathResources.push(...(await guarded('ecr', [], () => collectRepositories(new ECRClient(config), concurrency, tagsFailed('ecr')))))
  }
  if (services.has('sagemaker')) {
    progress.step('collecting SageMaker notebooks, endpoints, training jobs and models')
    crownpathResources.push(...(await guarded('sagemaker', [], () => collectSageMaker(new SageMakerClient(config), concurrency, tagsFailed('sagemaker')))))
  }
  if (services.has('bedrock-agent')) {
    progress.step('collecting Bedrock agents')
    crownpathResources.push(...(await guarded('bedrock-agent', [], () => collectAgents(new BedrockAgentClient(config), concurrency))))
  }
  const resourceDoc = toPlain({ accountId, resources: crownpathResources })
  assertShape(CrownpathResourcesInput, resourceDoc, where('resources'))
  resources.push({ file: where('resources'), transform: (ctx) => transformCrownpathResources(resourceDoc, ctx) })

  const collectedAt = now().toISOString()
  const sources: SourceRef[] = [{ loader: 'aws-live', location, sha256: null, collectedAt }]
  const part = assembleAwsInventory({
    authDetails,
    resources,
    org,
    credentialReports: reportRows.length > 0 ? [{ file: where('iam:credential-report'), rows: reportRows }] : [],
    accessKeys: [{ file: where('iam:access-keys'), entries: perUser.flatMap((u) => u.keys ?? []), completeFor: perUser.filter((u) => u.keys !== null).map((u) => u.arn) }],
    sources,
  })
  // Listed MFA devices are the truth; the report only says whether one is active.
  const mfaByArn = new Map(perUser.filter((u) => u.mfa !== null).map((u) => [u.arn, u.mfa]))
  const users = (part.aws?.users ?? []).map((u) => (mfaByArn.has(u.arn) ? { ...u, mfaDevices: mfaByArn.get(u.arn)! } : u))
  progress.done(`collected AWS account ${accountId}`, { users: users.length, issues: issues.length + (part.issues?.length ?? 0) })
  return { ...part, aws: { ...part.aws, users }, issues: dedupeIssues([...issues, ...(part.issues ?? [])]) }
}

/** A per-user failure (AccessDenied on ListAccessKeys) would repeat once per user: keep one. */
function dedupeIssues(issues: readonly DataIssue[]): DataIssue[] {
  const seen = new Set<string>()
  return issues.filter((issue) => {
    const key = `${issue.severity}|${issue.where}|${issue.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** Organizations → the org file shape. Not in an organisation → an informational issue and null. */
async function collectOrganization(client: OrganizationsClient, issues: DataIssue[], where: string): Promise<OrgFile | null> {
  let organization
  try {
    organization = (await client.send(new DescribeOrganizationCommand({}))).Organization
  } catch (error) {
    if (describeError(error).name === 'AWSOrganizationsNotInUseException') {
      issues.push({ severity: 'warning', where, message: 'the account is not in an organisation' })
      return null
    }
    throw error
  }
  const roots: { Id: string; Name?: string }[] = []
  for await (const page of paginateListRoots({ client }, {})) for (const r of page.Roots ?? []) roots.push({ Id: r.Id!, ...(r.Name ? { Name: r.Name } : {}) })
  const units: { Id: string; Name: string; ParentId: string }[] = []
  const accounts: { Id: string; Name?: string; ParentId: string }[] = []
  const queue = roots.map((r) => r.Id)
  while (queue.length > 0) {
    const parent = queue.shift()!
    for await (const page of paginateListOrganizationalUnitsForParent({ client }, { ParentId: parent })) {
      for (const ou of page.OrganizationalUnits ?? []) {
        units.push({ Id: ou.Id!, Name: ou.Name ?? ou.Id!, ParentId: parent })
        queue.push(ou.Id!)
      }
    }
    for await (const page of paginateListAccountsForParent({ client }, { ParentId: parent })) {
      for (const a of page.Accounts ?? []) accounts.push({ Id: a.Id!, ...(a.Name ? { Name: a.Name } : {}), ParentId: parent })
    }
  }
  const policies: NonNullable<OrgFile['Policies']> = []
  for (const filter of ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'] as const) {
    try {
      for await (const page of paginateListPolicies({ client }, { Filter: filter })) {
        for (const summary of page.Policies ?? []) {
          const described = await client.send(new DescribePolicyCommand({ PolicyId: summary.Id! }))
          const targets: { TargetId: string; Type?: string }[] = []
          for await (const t of paginateListTargetsForPolicy({ client }, { PolicyId: summary.Id! })) {
            for (const target of t.Targets ?? []) targets.push({ TargetId: target.TargetId!, ...(target.Type ? { Type: target.Type } : {}) })
          }
          policies.push(toPlain({ PolicySummary: summary, Content: described.Policy?.Content ?? '{}', Targets: targets }) as NonNullable<OrgFile['Policies']>[number])
        }
      }
    } catch (error) {
      const { name, message } = describeError(error)
      issues.push({ severity: 'warning', where, message: `listing ${filter} policies failed: ${name}: ${message}` })
    }
  }
  return toPlain({ Organization: organization, Roots: roots, OrganizationalUnits: units, Accounts: accounts, Policies: policies }) as OrgFile
}

async function collectBuckets(s3: S3Client, accountId: string, concurrency: number): Promise<CrownpathResource[]> {
  const listed = await s3.send(new ListBucketsCommand({}))
  const buckets = (listed.Buckets ?? []).filter((b) => b.Name)
  return mapWithConcurrency(buckets, concurrency, async (bucket) => {
    const name = bucket.Name!
    let policy: string | null = null
    try {
      policy = (await s3.send(new GetBucketPolicyCommand({ Bucket: name }))).Policy ?? null
    } catch (error) {
      if (!isAbsent(error, ['NoSuchBucketPolicy'])) throw error
    }
    let tags: Record<string, string> = {}
    try {
      tags = tagRecord((await s3.send(new GetBucketTaggingCommand({ Bucket: name }))).TagSet)
    } catch (error) {
      if (!isAbsent(error, ['NoSuchTagSet', 'NoSuchTagSetError'])) throw error
    }
    return { arn: `arn:aws:s3:::${name}`, type: 's3:bucket', name, accountId, ...(bucket.BucketRegion ? { region: bucket.BucketRegion } : { region: null }), tags, policy, runsAs: [], properties: {} }
  })
}

async function collectKeys(kms: KMSClient, concurrency: number): Promise<CrownpathResource[]> {
  const keys: { KeyId?: string; KeyArn?: string }[] = []
  for await (const page of paginateListKeys({ client: kms }, {})) keys.push(...(page.Keys ?? []))
  return mapWithConcurrency(
    keys.filter((k) => k.KeyArn),
    concurrency,
    async (key) => {
      const policy = (await kms.send(new GetKeyPolicyCommand({ KeyId: key.KeyId!, PolicyName: 'default' }))).Policy ?? null
      return { arn: key.KeyArn!, type: 'kms:key', name: key.KeyId!, tags: {}, policy, runsAs: [], properties: {} }
    },
  )
}

async function collectSecrets(client: SecretsManagerClient, concurrency: number): Promise<CrownpathResource[]> {
  const secrets: { ARN?: string; Name?: string; Tags?: { Key?: string; Value?: string }[] }[] = []
  for await (const page of paginateListSecrets({ client }, {})) secrets.push(...(page.SecretList ?? []))
  return mapWithConcurrency(
    secrets.filter((s) => s.ARN),
    concurrency,
    async (secret) => {
      // Only the resource policy: the secret value is never requested.
      const policy = (await client.send(new GetResourcePolicyCommand({ SecretId: secret.ARN! }))).ResourcePolicy ?? null
      return { arn: secret.ARN!, type: 'secretsmanager:secret', name: secret.Name ?? secret.ARN!, tags: tagRecord(secret.Tags), policy, runsAs: [], properties: {} }
    },
  )
}
