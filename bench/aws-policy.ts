/**
 * @module bench/aws-policy
 * Benchmark of the AWS evaluator: decisions per second on a generated,
 * seeded organisation (users with managed + inline policies, group policies,
 * boundaries, an SCP chain, bucket policies), once compiled.
 */
import process from 'node:process'
import { performance } from 'node:perf_hooks'
import { compileAuthorizer } from '../src/aws/policy/index.js'
import type { AwsRequest } from '../src/aws/policy/index.js'
import type { AwsInventory, PolicyDocument } from '../src/model/index.js'
import { emptyAwsInventory } from '../src/model/index.js'
import { seededUniform } from '../src/generate/index.js'

/** Options of the benchmark. */
export interface PolicyBenchOptions {
  readonly users?: number
  readonly managedPolicies?: number
  readonly requests?: number
  /** Minimum measured time in milliseconds. */
  readonly minMs?: number
  readonly seed?: number
}

/** What the benchmark measured. */
export interface PolicyBenchResult {
  readonly name: 'aws-policy-evaluation'
  /** Decisions per second of CPU time used by this process (one core; robust to a busy machine). */
  readonly decisionsPerSecond: number
  /** Decisions per second of wall-clock time. */
  readonly decisionsPerWallSecond: number
  readonly decisions: number
  readonly ms: number
  readonly principals: number
  readonly statements: number
  readonly compileMs: number
  readonly allowedShare: number
}


const SERVICES: Record<string, string[]> = {
  s3: ['GetObject', 'PutObject', 'DeleteObject', 'ListBucket', 'GetBucketPolicy', 'PutBucketPolicy'],
  iam: ['PassRole', 'CreateAccessKey', 'PutRolePolicy', 'AttachRolePolicy', 'GetRole', 'ListUsers'],
  ec2: ['RunInstances', 'DescribeInstances', 'StopInstances', 'TerminateInstances'],
  lambda: ['CreateFunction', 'UpdateFunctionCode', 'InvokeFunction', 'GetFunction'],
  sqs: ['SendMessage', 'ReceiveMessage', 'DeleteMessage'],
  dynamodb: ['GetItem', 'PutItem', 'Query', 'Scan'],
  kms: ['Decrypt', 'Encrypt', 'GenerateDataKey'],
  secretsmanager: ['GetSecretValue', 'PutSecretValue'],
  logs: ['CreateLogGroup', 'PutLogEvents'],
  ssm: ['SendCommand', 'GetParameter', 'StartSession'],
}
const SERVICE_NAMES = Object.keys(SERVICES)
const ACCOUNT = '111111111111'

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T
}

function resourceFor(service: string, r: () => number): string {
  const n = Math.floor(r() * 50)
  switch (service) {
    case 's3':
      return `arn:aws:s3:::bucket-${n}/key-${Math.floor(r() * 1000)}`
    case 'iam':
      return `arn:aws:iam::${ACCOUNT}:role/role-${n}`
    default:
      return `arn:aws:${service}:eu-west-1:${ACCOUNT}:thing/${service}-${n}`
  }
}

function resourcePatternFor(service: string, r: () => number): string {
  const n = Math.floor(r() * 50)
  const roll = r()
  if (roll < 0.15) return '*'
  switch (service) {
    case 's3':
      return roll < 0.5 ? `arn:aws:s3:::bucket-${n}/*` : `arn:aws:s3:::bucket-${n % 10}*`
    case 'iam':
      return roll < 0.5 ? `arn:aws:iam::${ACCOUNT}:role/role-${n}` : `arn:aws:iam::${ACCOUNT}:role/*`
    default:
      return roll < 0.5 ? `arn:aws:${service}:*:${ACCOUNT}:thing/${service}-${n}` : `arn:aws:${service}:eu-west-1:${ACCOUNT}:*`
  }
}

function generateStatement(r: () => number, allowShare = 0.85): Record<string, unknown> {
  const service = pick(r, SERVICE_NAMES)
  const actions = SERVICES[service] as string[]
  const roll = r()
  const action = roll < 0.2 ? `${service}:*` : roll < 0.35 ? `${service}:${pick(r, actions).slice(0, 3)}*` : [`${service}:${pick(r, actions)}`, `${service}:${pick(r, actions)}`]
  const statement: Record<string, unknown> = {
    Effect: r() < allowShare ? 'Allow' : 'Deny',
    Action: action,
    Resource: [resourcePatternFor(service, r), resourcePatternFor(service, r)],
  }
  if (r() < 0.1) statement.Condition = { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } }
  return statement
}

function generateDocument(r: () => number, statements: number): PolicyDocument {
  return { Version: '2012-10-17', Statement: Array.from({ length: statements }, () => generateStatement(r)) }
}

/** Generate the benchmark organisation. */
export function generatePolicyBenchInventory(options: PolicyBenchOptions = {}): AwsInventory {
  const r = seededUniform(options.seed ?? 42)
  const userCount = options.users ?? 2000
  const policyCount = options.managedPolicies ?? 500
  const managedPolicies = Array.from({ length: policyCount }, (_, i) => ({
    arn: `arn:aws:iam::${ACCOUNT}:policy/p-${i}`,
    name: `p-${i}`,
    policyId: null,
    path: '/',
    isAwsManaged: false,
    accountId: ACCOUNT,
    defaultVersionId: 'v1',
    versions: [{ versionId: 'v1', isDefault: true, createDate: null, document: generateDocument(r, 3 + Math.floor(r() * 8)) }],
    attachmentCount: null,
  }))
  const boundaryArn = `arn:aws:iam::${ACCOUNT}:policy/boundary`
  managedPolicies.push({
    ...managedPolicies[0]!,
    arn: boundaryArn,
    name: 'boundary',
    versions: [{ versionId: 'v1', isDefault: true, createDate: null, document: { Statement: [{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }] } }],
  })
  const groups = Array.from({ length: 20 }, (_, i) => ({
    arn: `arn:aws:iam::${ACCOUNT}:group/g-${i}`,
    name: `g-${i}`,
    uniqueId: null,
    accountId: ACCOUNT,
    path: '/',
    createDate: null,
    inlinePolicies: [{ name: 'g', document: generateDocument(r, 3) }],
    attachedPolicies: [pick(r, managedPolicies).arn],
  }))
  const users = Array.from({ length: userCount }, (_, i) => ({
    arn: `arn:aws:iam::${ACCOUNT}:user/u-${i}`,
    name: `u-${i}`,
    uniqueId: `AIDA${i}`,
    accountId: ACCOUNT,
    path: '/',
    createDate: null,
    inlinePolicies: [{ name: 'inline', document: generateDocument(r, 2) }],
    attachedPolicies: [pick(r, managedPolicies).arn, pick(r, managedPolicies).arn, pick(r, managedPolicies).arn],
    tags: { team: `t${i % 7}` },
    groups: [pick(r, groups).arn],
    permissionsBoundary: r() < 0.2 ? boundaryArn : null,
    accessKeys: null,
    loginProfile: null,
    hasLoginProfile: null,
    mfaDevices: null,
    passwordLastUsed: null,
  }))
  const resources = Array.from({ length: 50 }, (_, n) => ({
    arn: `arn:aws:s3:::bucket-${n}`,
    type: 's3:bucket',
    name: `bucket-${n}`,
    accountId: ACCOUNT,
    region: null,
    tags: {},
    policy: n % 5 === 0 ? { Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: `arn:aws:s3:::bucket-${n}/*` }] } : null,
    runsAs: [],
    properties: {},
  }))
  return {
    ...emptyAwsInventory(),
    accounts: [{ id: ACCOUNT, name: 'bench', orgPath: ['r-bench', 'ou-bench-1'], organizationId: 'o-bench', isManagementAccount: false }],
    users,
    groups,
    managedPolicies,
    resources,
    organization: {
      id: 'o-bench',
      managementAccountId: '999999999999',
      units: [],
      policies: [
        { id: 'p-full', arn: null, name: 'FullAWSAccess', type: 'SERVICE_CONTROL_POLICY', document: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, targets: ['r-bench', 'ou-bench-1', ACCOUNT] },
        { id: 'p-guard', arn: null, name: 'Guard', type: 'SERVICE_CONTROL_POLICY', document: { Statement: [{ Effect: 'Deny', Action: ['organizations:LeaveOrganization', 'iam:CreateUser'], Resource: '*' }] }, targets: ['ou-bench-1'] },
      ],
    },
  }
}

/** Run the benchmark: decisions per second once compiled (one core). */
export function benchPolicyEvaluation(options: PolicyBenchOptions = {}): PolicyBenchResult {
  const inventory = generatePolicyBenchInventory(options)
  const t0 = performance.now()
  const authorizer = compileAuthorizer(inventory)
  const compileMs = performance.now() - t0
  const r = seededUniform((options.seed ?? 42) + 1)
  const requests: AwsRequest[] = Array.from({ length: options.requests ?? 10_000 }, () => {
    const service = pick(r, SERVICE_NAMES)
    return { principal: pick(r, inventory.users).arn, action: `${service}:${pick(r, SERVICES[service] as string[])}`, resource: resourceFor(service, r) }
  })
  // Warm up the JIT and the caches.
  let allowed = 0
  for (const request of requests) if (authorizer.evaluate(request).decision === 'allowed') allowed++
  const minMs = options.minMs ?? 1000
  let decisions = 0
  const start = performance.now()
  const cpuStart = process.cpuUsage()
  let elapsed = 0
  while (elapsed < minMs) {
    for (const request of requests) authorizer.evaluate(request)
    decisions += requests.length
    elapsed = performance.now() - start
  }
  const cpu = process.cpuUsage(cpuStart)
  const cpuMs = (cpu.user + cpu.system) / 1000
  let statementCount = 0
  for (const p of inventory.managedPolicies) for (const v of p.versions) statementCount += (v.document.Statement as unknown[]).length
  return {
    name: 'aws-policy-evaluation',
    decisionsPerSecond: Math.round((decisions / Math.max(cpuMs, 1)) * 1000),
    decisionsPerWallSecond: Math.round((decisions / elapsed) * 1000),
    decisions,
    ms: Math.round(elapsed),
    principals: inventory.users.length,
    statements: statementCount,
    compileMs: Math.round(compileMs),
    allowedShare: allowed / requests.length,
  }
}
