import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { collectAwsLive, mapWithConcurrency } from '../../../loaders/aws/live.js'
import type { AwsInventory, InventoryPart, ProgressReporter } from '../../../src/model/index.js'
import { startFakeAws, type FakeAwsServer, type FakeAwsState } from '../../fakes/aws-server.js'

const fixture = (p: string): string => fileURLToPath(new URL(`../../fixtures/aws/${p}`, import.meta.url))
const raw = JSON.parse(readFileSync(fixture('basic/auth-details.raw.json'), 'utf8')) as Record<string, unknown>
const org = JSON.parse(readFileSync(fixture('org/org.json'), 'utf8')) as FakeAwsState['organization'] & object

const BUCKET_POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::public-site/*"}]}'
const KEY_ARN = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab'
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/db-AbCdEf'
const QUEUE_POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:111111111111:orders"}]}'
const TOPIC_ARN = 'arn:aws:sns:us-east-1:111111111111:alerts'
const TOPIC_POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sns:Publish","Resource":"arn:aws:sns:us-east-1:111111111111:alerts"}]}'
const REPO_POLICY = '{"Version":"2012-10-17","Statement":[{"Sid":"pull","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}'
// The shape of a policy `lambda add-permission` writes (API_AddPermission example).
const FUNCTION_POLICY = '{"Version":"2012-10-17","Id":"default","Statement":[{"Sid":"s3-invoke","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:us-east-1:111111111111:function:billing","Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::public-site"}}}]}'
const ML_ROLE = 'arn:aws:iam::111111111111:role/SageMakerExecutionRole'
const NOTEBOOK_ROLE = 'arn:aws:iam::111111111111:role/SageMakerNotebookRole'
const AGENT_ROLE = 'arn:aws:iam::111111111111:role/AmazonBedrockExecutionRoleForAgents_support'

const STATE: FakeAwsState = {
  accountId: '111111111111',
  // Two pages: the second is throttled once, which the SDK retries.
  authDetailsPages: [
    { UserDetailList: raw['UserDetailList'], GroupDetailList: raw['GroupDetailList'] },
    { RoleDetailList: raw['RoleDetailList'], Policies: raw['Policies'] },
  ],
  accessKeys: {
    alice: [
      { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Active', CreateDate: '2025-06-01T00:00:00Z', LastUsed: { LastUsedDate: '2026-11-26T12:00:00Z', ServiceName: 'iam', Region: 'us-east-1' } },
    ],
    bob: [],
  },
  mfaDevices: { alice: [{ SerialNumber: 'arn:aws:iam::111111111111:mfa/alice-phone', EnableDate: '2024-01-11T00:00:00Z' }] },
  credentialReportCsv: readFileSync(fixture('credentials/credential-report.csv'), 'utf8'),
  buckets: [{ Name: 'public-site', Policy: BUCKET_POLICY, Tags: { classification: 'public' } }, { Name: 'no-policy' }],
  functions: [
    { FunctionName: 'billing', FunctionArn: 'arn:aws:lambda:us-east-1:111111111111:function:billing', Role: 'arn:aws:iam::111111111111:role/app-role', Runtime: 'nodejs20.x' },
    { FunctionName: 'reports', FunctionArn: 'arn:aws:lambda:us-east-1:111111111111:function:reports', Role: 'arn:aws:iam::111111111111:role/app-role', Runtime: 'python3.12' },
  ],
  // Only `billing` has a function policy; `reports` answers GetPolicy with 404 ResourceNotFoundException.
  functionPolicies: { billing: FUNCTION_POLICY },
  instances: [{ InstanceId: 'i-0123456789abcdef0', AvailabilityZone: 'us-east-1a', ProfileArn: 'arn:aws:iam::111111111111:instance-profile/app-profile', State: 'running', Name: 'web-1' }],
  keys: [{ KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab', KeyArn: KEY_ARN, Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"kms:*","Resource":"*"}]}' }],
  secrets: [{ ARN: SECRET_ARN, Name: 'prod/db', ResourcePolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"secretsmanager:DeleteSecret","Resource":"*"}]}' }],
  organization: org,
  // Three queues, one per page: ListQueues is paginated by NextToken.
  queues: [{ Name: 'orders', Policy: QUEUE_POLICY, Tags: { team: 'payments' } }, { Name: 'orders-dlq' }, { Name: 'audit' }],
  topics: [{ TopicArn: TOPIC_ARN, Policy: TOPIC_POLICY, Tags: { env: 'prod' } }],
  repositories: [{ repositoryName: 'api', Policy: REPO_POLICY, Tags: { owner: 'platform' } }, { repositoryName: 'batch' }],
  // Two tags, one per ListTags page: the SageMaker tag read is paginated.
  sageMakerTags: { 'arn:aws:sagemaker:us-east-1:111111111111:endpoint/fraud-detector': { env: 'prod', 'data-classification': 'pii' } },
  sageMaker: {
    notebooks: [{ Name: 'research-nb', RoleArn: NOTEBOOK_ROLE, Status: 'InService' }],
    trainingJobs: [{ Name: 'fraud-train-1', RoleArn: ML_ROLE, Status: 'Completed' }],
    models: [{ Name: 'fraud-model', ExecutionRoleArn: ML_ROLE }, { Name: 'spare-model', ExecutionRoleArn: NOTEBOOK_ROLE }],
    endpoints: [{ Name: 'fraud-detector', ModelNames: ['fraud-model'], Status: 'InService' }],
  },
  agents: [{ agentId: 'AGENT12345', agentName: 'support-bot', agentResourceRoleArn: AGENT_ROLE, agentStatus: 'PREPARED' }],
  throttleOnce: ['iam:GetAccountAuthorizationDetails', 'sagemaker:ListModels'],
  deniedServices: ['lambda'],
}

const FAKE_CREDENTIALS = { accessKeyId: 'AKIAFAKEFAKEFAKE0001', secretAccessKey: 'fake-secret-not-real' }

describe('live collection against a fake AWS endpoint on 127.0.0.1', { timeout: 20_000 }, () => {
  let fake: FakeAwsServer
  let part: InventoryPart
  const steps: string[] = []
  let ticks = 0
  const progress: ProgressReporter = { step: (m) => void steps.push(m), tick: () => void ticks++, done: () => undefined }

  beforeAll(async () => {
    fake = await startFakeAws(STATE)
    expect(fake.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    part = await collectAwsLive({
      endpoint: fake.endpoint,
      credentials: FAKE_CREDENTIALS,
      region: 'us-east-1',
      maxAttempts: 3,
      concurrency: 2,
      reportPollMs: 0,
      progress,
      now: () => new Date('2026-11-27T12:00:00Z'),
    })
  }, 30_000)
  afterAll(async () => {
    await fake.close()
  })
  const inv = (): AwsInventory => part.aws as AwsInventory

  it('collects every auth-details page, retrying the throttled one', () => {
    expect(new Set(inv().users.map((u) => u.arn))).toEqual(new Set(['arn:aws:iam::111111111111:user/alice', 'arn:aws:iam::111111111111:user/dev/bob']))
    expect(inv().roles).toHaveLength(3)
    expect(inv().managedPolicies.map((p) => p.arn).sort()).toEqual(['arn:aws:iam::111111111111:policy/DeployPolicy', 'arn:aws:iam::aws:policy/AdministratorAccess'])
    expect(inv().users.find((u) => u.name === 'bob')!.groups).toEqual(['arn:aws:iam::111111111111:group/engineering/Developers'])
    const authCalls = fake.calls.filter((c) => c.action === 'GetAccountAuthorizationDetails').map((c) => c.status)
    expect(authCalls).toEqual([200, 400, 200])
  })

  it('collects access keys with last use, listed MFA devices and the credential report', () => {
    const alice = inv().users.find((u) => u.name === 'alice')!
    expect(alice.accessKeys).toEqual([
      { id: 'AKIAIOSFODNN7EXAMPLE', status: 'Active', createDate: '2025-06-01T00:00:00.000Z', lastUsedDate: '2026-11-26T12:00:00.000Z', lastUsedService: 'iam', lastUsedRegion: 'us-east-1' },
    ])
    expect(alice.mfaDevices).toEqual([{ serialNumber: 'arn:aws:iam::111111111111:mfa/alice-phone', enableDate: '2024-01-11T00:00:00.000Z', isVirtual: true }])
    expect(alice.hasLoginProfile).toBe(true)
    expect(alice.passwordLastUsed).toBe('2026-11-25T08:00:00+00:00')
    const bob = inv().users.find((u) => u.name === 'bob')!
    expect(bob.accessKeys).toEqual([])
    expect(bob.mfaDevices).toEqual([])
    expect(bob.hasLoginProfile).toBe(false)
  })

  it('collects Organizations structure and policies', () => {
    expect(inv().organization!.id).toBe('o-aaaaaaaaaa')
    expect(new Set(inv().organization!.policies.map((p) => p.id))).toEqual(new Set(['p-FullAWSAccess', 'p-examplescp1', 'p-examplercp1']))
    expect(inv().accounts.find((a) => a.id === '111111111111')).toEqual({ id: '111111111111', name: 'prod', orgPath: ['r-aaaa'], organizationId: 'o-aaaaaaaaaa', isManagementAccount: true })
    expect(inv().accounts.find((a) => a.id === '222222222222')!.orgPath).toEqual(['r-aaaa', 'ou-aaaa-11111111', 'ou-aaaa-22222222'])
  })

  it('collects S3, KMS, Secrets Manager and EC2 resources', () => {
    const byArn = new Map(inv().resources.map((r) => [r.arn, r]))
    expect(byArn.get('arn:aws:s3:::public-site')).toMatchObject({ type: 's3:bucket', accountId: '111111111111', tags: { classification: 'public' }, policy: JSON.parse(BUCKET_POLICY) })
    expect(byArn.get('arn:aws:s3:::no-policy')).toMatchObject({ policy: null, tags: {} })
    expect(byArn.get(KEY_ARN)).toMatchObject({ type: 'kms:key', region: 'us-east-1', policy: { Version: '2012-10-17' } })
    expect(byArn.get(SECRET_ARN)).toMatchObject({ type: 'secretsmanager:secret', name: 'prod/db', policy: { Statement: [{ Effect: 'Deny', Principal: '*', Action: 'secretsmanager:DeleteSecret', Resource: '*' }] } })
    expect(byArn.get('arn:aws:ec2:us-east-1:111111111111:instance/i-0123456789abcdef0')).toMatchObject({ name: 'web-1', runsAs: ['arn:aws:iam::111111111111:role/app-role'], properties: { state: 'running', imdsHttpTokens: 'required' } })
  })

  it('collects SQS queues over several pages, with their queue policy', () => {
    const queues = inv().resources.filter((r) => r.type === 'sqs:queue')
    expect(queues.map((q) => q.arn).sort()).toEqual(['arn:aws:sqs:us-east-1:111111111111:audit', 'arn:aws:sqs:us-east-1:111111111111:orders', 'arn:aws:sqs:us-east-1:111111111111:orders-dlq'])
    expect(queues.find((q) => q.name === 'orders')).toMatchObject({ accountId: '111111111111', region: 'us-east-1', policy: JSON.parse(QUEUE_POLICY), runsAs: [] })
    expect(queues.find((q) => q.name === 'audit')!.policy).toBeNull()
    expect(queues.find((q) => q.name === 'orders')!.tags).toEqual({ team: 'payments' })
    expect(queues.find((q) => q.name === 'audit')!.tags).toEqual({})
    // One queue per page in the fake: three ListQueues pages, the last without NextToken.
    expect(fake.calls.filter((c) => c.action === 'ListQueues')).toHaveLength(3)
    expect(fake.calls.filter((c) => c.service === 'sqs').every((c) => c.status === 200)).toBe(true)
  })

  it('collects SNS topics and ECR repositories with their policies', () => {
    const byArn = new Map(inv().resources.map((r) => [r.arn, r]))
    expect(byArn.get(TOPIC_ARN)).toMatchObject({ type: 'sns:topic', name: 'alerts', accountId: '111111111111', policy: JSON.parse(TOPIC_POLICY), tags: { env: 'prod' } })
    expect(byArn.get('arn:aws:ecr:us-east-1:111111111111:repository/api')).toMatchObject({ type: 'ecr:repository', name: 'api', policy: JSON.parse(REPO_POLICY), tags: { owner: 'platform' } })
    expect(byArn.get('arn:aws:ecr:us-east-1:111111111111:repository/batch')!.tags).toEqual({})
    // No repository policy (RepositoryPolicyNotFoundException) is a repository without a policy, not a failure.
    expect(byArn.get('arn:aws:ecr:us-east-1:111111111111:repository/batch')).toMatchObject({ type: 'ecr:repository', policy: null })
    expect(part.issues!.filter((i) => /ecr|sns|sqs|sagemaker|bedrock/.test(i.where))).toEqual([])
  })

  it('collects SageMaker notebooks, training jobs, models and endpoints with the roles they run as', () => {
    const byArn = new Map(inv().resources.map((r) => [r.arn, r]))
    const sm = 'arn:aws:sagemaker:us-east-1:111111111111'
    expect(byArn.get(`${sm}:notebook-instance/research-nb`)).toMatchObject({ type: 'sagemaker:notebook-instance', name: 'research-nb', runsAs: [NOTEBOOK_ROLE], properties: { status: 'InService', directInternetAccess: 'Enabled', rootAccess: 'Enabled' } })
    expect(byArn.get(`${sm}:training-job/fraud-train-1`)).toMatchObject({ type: 'sagemaker:training-job', runsAs: [ML_ROLE], properties: { status: 'Completed' } })
    expect(byArn.get(`${sm}:model/fraud-model`)).toMatchObject({ type: 'sagemaker:model', name: 'fraud-model', runsAs: [ML_ROLE] })
    expect(byArn.get(`${sm}:model/spare-model`)).toMatchObject({ type: 'sagemaker:model', runsAs: [NOTEBOOK_ROLE] })
    // The endpoint runs as the execution role of the model its config serves, not of every model.
    expect(byArn.get(`${sm}:endpoint/fraud-detector`)).toMatchObject({ type: 'sagemaker:endpoint', runsAs: [ML_ROLE], properties: { status: 'InService', endpointConfigName: 'fraud-detector' } })
    expect(byArn.get(`${sm}:endpoint/fraud-detector`)!.tags).toEqual({ env: 'prod', 'data-classification': 'pii' })
    expect(byArn.get(`${sm}:model/fraud-model`)!.tags).toEqual({})
    expect(fake.calls.filter((c) => c.action === 'ListModels').map((c) => c.status)).toEqual([400, 200, 200])
  })

  it('collects Bedrock agents with their service role', () => {
    expect(inv().resources.filter((r) => r.type === 'bedrock:agent')).toEqual([
      { arn: 'arn:aws:bedrock:us-east-1:111111111111:agent/AGENT12345', type: 'bedrock:agent', name: 'support-bot', accountId: '111111111111', region: 'us-east-1', tags: {}, policy: null, runsAs: [AGENT_ROLE], properties: { status: 'PREPARED' } },
    ])
  })

  it('records the denied service as an issue and carries on', () => {
    expect(part.issues).toContainEqual({ severity: 'error', where: 'live:aws:111111111111:lambda', message: expect.stringMatching(/^lambda collection failed: AccessDeniedException/) })
    expect(inv().resources.some((r) => r.type === 'lambda:function')).toBe(false)
    expect(fake.calls.filter((c) => c.service === 'lambda').map((c) => c.status)).toEqual([403])
  })

  it('makes read-only calls only, and reports progress and its source', () => {
    for (const call of fake.calls) expect(call.action).toMatch(/^(Get|List|Describe|Generate)/)
    expect(new Set(fake.calls.map((c) => c.service))).toEqual(new Set(['sts', 'iam', 'organizations', 's3', 'kms', 'secretsmanager', 'lambda', 'ec2', 'sqs', 'sns', 'ecr', 'sagemaker', 'bedrock']))
    expect(steps).toContain('collecting IAM authorization details')
    expect(ticks).toBeGreaterThan(0)
    expect(part.sources).toEqual([{ loader: 'aws-live', location: 'live:aws:111111111111', sha256: null, collectedAt: '2026-11-27T12:00:00.000Z' }])
    expect(JSON.stringify(part)).not.toContain('fake-secret-not-real')
  })
})

describe('live collection: assumed role and failures', { timeout: 20_000 }, () => {
  it('assumes --role-arn and signs every later call with the temporary key', async () => {
    const fake = await startFakeAws({ ...STATE, throttleOnce: [], deniedServices: [] })
    try {
      const part = await collectAwsLive({ endpoint: fake.endpoint, credentials: FAKE_CREDENTIALS, roleArn: 'arn:aws:iam::111111111111:role/audit', services: ['s3'], reportPollMs: 0 })
      expect((part.aws as AwsInventory).users).toHaveLength(2)
      expect(fake.calls[0]).toMatchObject({ service: 'sts', action: 'AssumeRole', accessKeyId: 'AKIAFAKEFAKEFAKE0001' })
      for (const call of fake.calls.slice(1)) expect(call.accessKeyId).toBe('ASIAFAKEASSUMED00001')
      expect(JSON.stringify(part)).not.toContain('fake-assumed-secret')
    } finally {
      await fake.close()
    }
  })

  it('collects Lambda functions with their function policy (GetPolicy), a function without one having none', async () => {
    const fake = await startFakeAws({ ...STATE, throttleOnce: [], deniedServices: [] })
    try {
      const part = await collectAwsLive({ endpoint: fake.endpoint, credentials: FAKE_CREDENTIALS, services: ['lambda'], maxAttempts: 1, reportPollMs: 0 })
      const byName = new Map((part.aws as AwsInventory).resources.filter((r) => r.type === 'lambda:function').map((r) => [r.name, r]))
      expect(byName.get('billing')).toMatchObject({ arn: 'arn:aws:lambda:us-east-1:111111111111:function:billing', runsAs: ['arn:aws:iam::111111111111:role/app-role'], policy: JSON.parse(FUNCTION_POLICY) })
      expect(byName.get('reports')).toMatchObject({ arn: 'arn:aws:lambda:us-east-1:111111111111:function:reports', policy: null })
      // A missing policy (404) is not an issue.
      expect(part.issues!.filter((i) => /lambda/.test(i.where))).toEqual([])
      expect(fake.calls.filter((c) => c.action === 'GetPolicy').map((c) => c.status).sort()).toEqual([200, 404])
    } finally {
      await fake.close()
    }
  })

  it('a denied GetPolicy or tag call keeps the resources, without policy or tags, and reports it', async () => {
    const fake = await startFakeAws({ ...STATE, throttleOnce: [], deniedServices: [], deniedActions: ['lambda:GetPolicy', 'sqs:ListQueueTags'] })
    try {
      const part = await collectAwsLive({ endpoint: fake.endpoint, credentials: FAKE_CREDENTIALS, services: ['lambda', 'sqs'], maxAttempts: 1, reportPollMs: 0 })
      const resources = (part.aws as AwsInventory).resources
      expect(resources.filter((r) => r.type === 'lambda:function').map((r) => [r.name, r.policy])).toEqual([
        ['billing', null],
        ['reports', null],
      ])
      expect(resources.find((r) => r.name === 'orders')).toMatchObject({ type: 'sqs:queue', policy: JSON.parse(QUEUE_POLICY), tags: {} })
      expect(part.issues).toContainEqual({ severity: 'error', where: 'live:aws:111111111111:lambda:policies', message: expect.stringMatching(/^lambda:policies collection failed: AccessDeniedException/) })
      expect(part.issues).toContainEqual({ severity: 'warning', where: 'live:aws:111111111111:sqs:tags', message: expect.stringMatching(/^sqs tags not read: AccessDenied/) })
    } finally {
      await fake.close()
    }
  })

  it('a denied newer service (ECR) becomes an issue while SQS, SNS, SageMaker and Bedrock agents are collected', async () => {
    const fake = await startFakeAws({ ...STATE, throttleOnce: [], deniedServices: ['ecr'] })
    try {
      const part = await collectAwsLive({ endpoint: fake.endpoint, credentials: FAKE_CREDENTIALS, services: ['sqs', 'sns', 'ecr', 'sagemaker', 'bedrock-agent'], maxAttempts: 1, reportPollMs: 0 })
      expect(part.issues).toContainEqual({ severity: 'error', where: 'live:aws:111111111111:ecr', message: expect.stringMatching(/^ecr collection failed: AccessDeniedException/) })
      expect(part.issues!.filter((i) => i.severity === 'error')).toHaveLength(1)
      const types = new Set((part.aws as AwsInventory).resources.map((r) => r.type))
      expect(types).toEqual(new Set(['sqs:queue', 'sns:topic', 'sagemaker:notebook-instance', 'sagemaker:endpoint', 'sagemaker:training-job', 'sagemaker:model', 'bedrock:agent']))
    } finally {
      await fake.close()
    }
  })

  it('a denied SQS (query-compatible JSON error) becomes an issue too', async () => {
    const fake = await startFakeAws({ ...STATE, throttleOnce: [], deniedServices: ['sqs'] })
    try {
      const part = await collectAwsLive({ endpoint: fake.endpoint, credentials: FAKE_CREDENTIALS, services: ['sqs', 'sns'], maxAttempts: 1, reportPollMs: 0 })
      expect(part.issues).toContainEqual({ severity: 'error', where: 'live:aws:111111111111:sqs', message: expect.stringMatching(/^sqs collection failed: AccessDenied/) })
      expect((part.aws as AwsInventory).resources.map((r) => r.type)).toEqual(['sns:topic'])
    } finally {
      await fake.close()
    }
  })

  it('a denied IAM fails the run with CP_ERR_LIVE_FAILED', async () => {
    const fake = await startFakeAws({ ...STATE, throttleOnce: [], deniedServices: ['iam'] })
    try {
      await expect(collectAwsLive({ endpoint: fake.endpoint, credentials: FAKE_CREDENTIALS, maxAttempts: 1 })).rejects.toMatchObject({ code: 'CP_ERR_LIVE_FAILED', message: expect.stringContaining('AccessDenied') })
    } finally {
      await fake.close()
    }
  })

  it('a denied STS identity check is an authentication error', async () => {
    const fake = await startFakeAws({ ...STATE, throttleOnce: [], deniedServices: ['sts'] })
    try {
      await expect(collectAwsLive({ endpoint: fake.endpoint, credentials: FAKE_CREDENTIALS, maxAttempts: 1 })).rejects.toMatchObject({ code: 'CP_ERR_LIVE_AUTH' })
    } finally {
      await fake.close()
    }
  })
})

describe('mapWithConcurrency', () => {
  it('never runs more than the limit at once and keeps order', async () => {
    let inFlight = 0
    let peak = 0
    const out = await mapWithConcurrency([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      inFlight++
      peak = Math.max(peak, inFlight)
      await new Promise((r) => setImmediate(r))
      inFlight--
      return n * 2
    })
    expect(out).toEqual([2, 4, 6, 8, 10, 12, 14])
    expect(peak).toBe(3)
  })
})
