import { describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { loadAwsFiles } from '../../../loaders/aws/index.js'
import type { AwsInventory, AwsResource, InventoryPart } from '../../../src/model/index.js'

const fixture = (p: string): string => fileURLToPath(new URL(`../../fixtures/aws/${p}`, import.meta.url))
const aws = (part: InventoryPart): AwsInventory => part.aws as AwsInventory
const basic = fixture('basic/auth-details.cli.json')
const pages = [fixture('paginated/page-1.json'), fixture('paginated/page-2.json')]
const resource = (list: readonly AwsResource[], arn: string): AwsResource => {
  const found = list.find((r) => r.arn === arn)
  if (!found) throw new Error(`no ${arn}`)
  return found
}

describe('--resources: crownpath format', () => {
  it('reads every resource type with policy, tags, runsAs (instance profile resolved to its role)', async () => {
    const part = await loadAwsFiles({ authDetails: [basic, ...pages], resources: [fixture('resources/crownpath.json')] })
    const inv = aws(part)
    expect(new Set(inv.resources.map((r) => r.type))).toEqual(
      new Set([
        's3:bucket', 'kms:key', 'secretsmanager:secret', 'lambda:function', 'ec2:instance', 'sqs:queue', 'sns:topic', 'ecr:repository',
        'cloudformation:stack', 'codebuild:project', 'glue:devendpoint', 'ecs:task-definition', 'sagemaker:notebook-instance',
        'sagemaker:endpoint', 'sagemaker:training-job', 'sagemaker:model', 'bedrock:agent',
      ]),
    )
    expect(resource(inv.resources, 'arn:aws:s3:::prod-data')).toEqual({
      arn: 'arn:aws:s3:::prod-data',
      type: 's3:bucket',
      name: 'prod-data',
      accountId: '111111111111',
      region: 'us-east-1',
      tags: { classification: 'restricted' },
      policy: {
        Version: '2012-10-17',
        Statement: [{ Sid: 'CrossAccountRead', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::prod-data/*' }],
      },
      runsAs: [],
      properties: { versioning: 'Enabled', publicAccessBlock: true },
    })
    const key = resource(inv.resources, 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab')
    expect(key.name).toBe('prod-data-key')
    expect(key.region).toBe('us-east-1')
    expect(key.tags).toEqual({ classification: 'restricted' })
    expect((key.policy!['Statement'] as unknown[])[0]).toMatchObject({ Sid: 'Enable IAM User Permissions', Action: 'kms:*' })
    expect(resource(inv.resources, 'arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/db-AbCdEf')).toMatchObject({ name: 'prod/db', policy: null, runsAs: [], tags: {}, properties: {} })
    expect(resource(inv.resources, 'arn:aws:ec2:us-east-1:111111111111:instance/i-0123456789abcdef0').runsAs).toEqual(['arn:aws:iam::111111111111:role/app-role'])
    expect(resource(inv.resources, 'arn:aws:lambda:us-east-1:111111111111:function:billing')).toMatchObject({ name: 'billing', runsAs: ['arn:aws:iam::111111111111:role/app-role'], properties: { runtime: 'nodejs20.x' } })
    expect(resource(inv.resources, 'arn:aws:sagemaker:us-east-1:222222222222:notebook-instance/research')).toMatchObject({ name: 'research', accountId: '222222222222', runsAs: ['arn:aws:iam::222222222222:role/service-role/sagemaker-exec'] })
    expect(resource(inv.resources, 'arn:aws:sqs:us-east-1:111111111111:orders')).toMatchObject({ name: 'orders', policy: null })
    expect(resource(inv.resources, 'arn:aws:cloudformation:us-east-1:111111111111:stack/network/11111111-2222-3333-4444-555555555555').runsAs).toEqual(['arn:aws:iam::111111111111:role/ci/github-deploy'])
    expect(part.sources!.map((s) => s.loader)).toEqual(['aws-auth-details', 'aws-auth-details', 'aws-auth-details', 'aws-resources'])
  })
})

describe('--resources: AWS CLI shapes', () => {
  it('get-bucket-policy outputs keyed by bucket (account from the single-account ingest)', async () => {
    const inv = aws(await loadAwsFiles({ authDetails: [basic], resources: [fixture('resources/bucket-policies.json')] }))
    const site = resource(inv.resources, 'arn:aws:s3:::public-site')
    expect(site).toMatchObject({ type: 's3:bucket', name: 'public-site', accountId: '111111111111', region: null, runsAs: [] })
    expect(site.policy).toEqual({ Version: '2012-10-17', Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::public-site/*' }] })
  })

  it('an S3 bucket without an account in a multi-account ingest is an error asking for accountId', async () => {
    await expect(loadAwsFiles({ authDetails: [basic, ...pages], resources: [fixture('resources/bucket-policies.json')] })).rejects.toMatchObject({
      code: 'CP_ERR_INPUT_SHAPE',
      message: expect.stringContaining('at `$["prod-data"].accountId`'),
    })
  })

  it('get-key-policy keyed by key ARN', async () => {
    const inv = aws(await loadAwsFiles({ authDetails: [basic], resources: [fixture('resources/key-policies.json')] }))
    const key = resource(inv.resources, 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab')
    expect(key).toMatchObject({ type: 'kms:key', name: '1234abcd-12ab-34cd-56ef-1234567890ab', region: 'us-east-1', accountId: '111111111111' })
    expect(key.policy).toMatchObject({ Id: 'key-default-1' })
  })

  it('lambda list-functions with execution roles', async () => {
    const inv = aws(await loadAwsFiles({ authDetails: [basic], resources: [fixture('resources/lambda-functions.json')] }))
    expect(inv.resources).toEqual([
      {
        arn: 'arn:aws:lambda:us-west-2:111111111111:function:helloworld',
        type: 'lambda:function',
        name: 'helloworld',
        accountId: '111111111111',
        region: 'us-west-2',
        tags: {},
        policy: null,
        runsAs: ['arn:aws:iam::111111111111:role/app-role'],
        properties: { runtime: 'nodejs20.x', packageType: 'Zip' },
      },
    ])
  })

  it('ec2 describe-instances: instance profile resolved via the roles; unknown profile is an issue', async () => {
    const part = await loadAwsFiles({ authDetails: [basic], resources: [fixture('resources/ec2-instances.json')] })
    const inv = aws(part)
    expect(resource(inv.resources, 'arn:aws:ec2:us-east-2:111111111111:instance/i-1234567890abcdef0')).toEqual({
      arn: 'arn:aws:ec2:us-east-2:111111111111:instance/i-1234567890abcdef0',
      type: 'ec2:instance',
      name: 'batch-worker',
      accountId: '111111111111',
      region: 'us-east-2',
      tags: { Name: 'batch-worker' },
      policy: null,
      runsAs: ['arn:aws:iam::111111111111:role/app-role'],
      properties: { state: 'running', imdsHttpTokens: 'optional' },
    })
    expect(resource(inv.resources, 'arn:aws:ec2:us-east-2:111111111111:instance/i-0fedcba9876543210').runsAs).toEqual([])
    expect(part.issues).toEqual([expect.objectContaining({ where: 'arn:aws:ec2:us-east-2:111111111111:instance/i-0fedcba9876543210', message: expect.stringContaining('unknown-profile') })])
  })

  it('an unknown shape is a clear error', async () => {
    await expect(loadAwsFiles({ authDetails: [basic], resources: [fixture('malformed/unknown-resources.json')] })).rejects.toMatchObject({
      code: 'CP_ERR_INPUT_FORMAT',
      message: expect.stringMatching(/unrecognised resources file: expected one of .*"resources".*Functions.*Reservations/),
    })
  })
})

describe('--org', () => {
  it('reads accounts with their parent chain, OUs, and SCPs/RCPs with targets', async () => {
    const part = await loadAwsFiles({ authDetails: [basic, ...pages], org: fixture('org/org.json') })
    const inv = aws(part)
    expect(new Set(inv.accounts.map((a) => JSON.stringify(a)))).toEqual(
      new Set([
        JSON.stringify({ id: '111111111111', name: 'prod', orgPath: ['r-aaaa'], organizationId: 'o-aaaaaaaaaa', isManagementAccount: true }),
        JSON.stringify({ id: '222222222222', name: 'dev-ml', orgPath: ['r-aaaa', 'ou-aaaa-11111111', 'ou-aaaa-22222222'], organizationId: 'o-aaaaaaaaaa', isManagementAccount: false }),
      ]),
    )
    const org = inv.organization!
    expect(org.id).toBe('o-aaaaaaaaaa')
    expect(org.managementAccountId).toBe('111111111111')
    expect(new Set(org.units.map((u) => `${u.id}<${u.parentId}:${u.name}`))).toEqual(new Set(['r-aaaa<null:Root', 'ou-aaaa-11111111<r-aaaa:Workloads', 'ou-aaaa-22222222<ou-aaaa-11111111:ML']))
    // Tag policies do not take part in authorization.
    expect(new Set(org.policies.map((p) => `${p.id}:${p.type}:${p.targets.join(',')}`))).toEqual(
      new Set(['p-FullAWSAccess:SERVICE_CONTROL_POLICY:r-aaaa', 'p-examplescp1:SERVICE_CONTROL_POLICY:ou-aaaa-11111111', 'p-examplercp1:RESOURCE_CONTROL_POLICY:222222222222']),
    )
    const full = org.policies.find((p) => p.id === 'p-FullAWSAccess')!
    expect(full).toMatchObject({ name: 'FullAWSAccess', arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess' })
    expect(full.document).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] })
    expect(org.policies.find((p) => p.id === 'p-examplercp1')!.arn).toBeNull()
    expect(part.issues).toEqual([])
  })

  it('an unknown parent id is an error at its path', async () => {
    const { writeFile, mkdtemp } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const dir = await mkdtemp(join(tmpdir(), 'cp-org-'))
    const file = join(dir, 'org.json')
    await writeFile(file, JSON.stringify({ Organization: { Id: 'o-aaaaaaaaaa' }, Roots: [{ Id: 'r-aaaa' }], Accounts: [{ Id: '111111111111', ParentId: 'ou-aaaa-99999999' }] }))
    await expect(loadAwsFiles({ authDetails: [basic], org: file })).rejects.toMatchObject({
      code: 'CP_ERR_INPUT_SHAPE',
      message: expect.stringContaining('at `$.Accounts[0].ParentId`: expected a parent id listed in Roots or OrganizationalUnits, got `ou-aaaa-99999999`'),
    })
  })
})

describe('credentials', () => {
  const alice = 'arn:aws:iam::111111111111:user/alice'
  const bob = 'arn:aws:iam::111111111111:user/dev/bob'

  it('credential report alone: password, MFA, keys by slot (no key ids in the report)', async () => {
    const part = await loadAwsFiles({ authDetails: [basic], credentialReport: [fixture('credentials/credential-report.csv')] })
    const users = aws(part).users
    const a = users.find((u) => u.arn === alice)!
    expect(a.hasLoginProfile).toBe(true)
    expect(a.loginProfile).toEqual({ createDate: null, passwordLastUsed: '2026-11-25T08:00:00+00:00', passwordLastChanged: '2026-01-01T00:00:00+00:00', passwordResetRequired: false })
    expect(a.passwordLastUsed).toBe('2026-11-25T08:00:00+00:00')
    expect(a.mfaDevices).toEqual([{ serialNumber: `${alice}#mfa`, enableDate: null, isVirtual: false }])
    expect(a.accessKeys).toEqual([
      { id: `${alice}#access-key-1`, status: 'Active', createDate: '2025-06-01T00:00:00+00:00', lastUsedDate: '2026-11-26T12:00:00+00:00', lastUsedService: 'iam', lastUsedRegion: 'us-east-1' },
      { id: `${alice}#access-key-2`, status: 'Inactive', createDate: '2024-02-01T00:00:00+00:00', lastUsedDate: '2024-03-01T00:00:00+00:00', lastUsedService: 's3', lastUsedRegion: 'eu-west-1' },
    ])
    const b = users.find((u) => u.arn === bob)!
    expect(b.hasLoginProfile).toBe(false)
    expect(b.loginProfile).toBeNull()
    expect(b.mfaDevices).toEqual([])
    expect(b.accessKeys).toEqual([{ id: `${bob}#access-key-1`, status: 'Active', createDate: '2024-02-02T00:00:00+00:00', lastUsedDate: null, lastUsedService: null, lastUsedRegion: null }])
    expect(part.issues!.map((i) => i.message)).toEqual(['credential report user `ghost` is not in the authorization details'])
  })

  it('access keys file gives key ids; the report fills what it lacks', async () => {
    const part = await loadAwsFiles({ authDetails: [basic], credentialReport: [fixture('credentials/credential-report.csv')], accessKeys: [fixture('credentials/access-keys.json')] })
    const a = aws(part).users.find((u) => u.arn === alice)!
    expect(a.accessKeys).toEqual([
      { id: 'AKIAIOSFODNN7EXAMPLE', status: 'Active', createDate: '2025-06-01T00:00:00+00:00', lastUsedDate: '2026-11-26T12:00:00+00:00', lastUsedService: 'iam', lastUsedRegion: 'us-east-1' },
      { id: 'AKIAI44QH8DHBEXAMPLE', status: 'Inactive', createDate: '2024-02-01T00:00:00+00:00', lastUsedDate: '2024-03-01T00:00:00+00:00', lastUsedService: 's3', lastUsedRegion: 'eu-west-1' },
    ])
    expect(part.sources!.map((s) => s.loader)).toEqual(['aws-auth-details', 'aws-credential-report', 'aws-access-keys'])
  })

  it('access keys without a report', async () => {
    const a = aws(await loadAwsFiles({ authDetails: [basic], accessKeys: [fixture('credentials/access-keys.json')] })).users.find((u) => u.arn === alice)!
    expect(a.accessKeys!.map((k) => `${k.id}:${k.status}:${k.lastUsedService}`)).toEqual(['AKIAIOSFODNN7EXAMPLE:Active:iam', 'AKIAI44QH8DHBEXAMPLE:Inactive:null'])
    expect(a.hasLoginProfile).toBeNull()
    expect(a.mfaDevices).toBeNull()
  })
})

describe('secret-named tags and properties', () => {
  it('are dropped with a warning, never stored', async () => {
    const { writeFile, mkdtemp } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const dir = await mkdtemp(join(tmpdir(), 'cp-res-'))
    const file = join(dir, 'r.json')
    await writeFile(file, JSON.stringify({ resources: [{ arn: 'arn:aws:sqs:us-east-1:111111111111:q', type: 'sqs:queue', tags: { env: 'prod', password: 'hunter2' }, properties: { token: 'abc123', fifo: false } }] }))
    const part = await loadAwsFiles({ authDetails: [basic], resources: [file] })
    const queue = resource(aws(part).resources, 'arn:aws:sqs:us-east-1:111111111111:q')
    expect(queue.tags).toEqual({ env: 'prod' })
    expect(queue.properties).toEqual({ fifo: false })
    expect(new Set(part.issues!.map((i) => i.message))).toEqual(new Set(['tag `password` dropped: its name marks secret material', 'property `token` dropped: its name marks secret material']))
    expect(JSON.stringify(part)).not.toContain('hunter2')
    expect(JSON.stringify(part)).not.toContain('abc123')
  })
})
