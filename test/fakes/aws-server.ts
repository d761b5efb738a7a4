/**
 * @module test/fakes/aws-server
 * A fake AWS endpoint on 127.0.0.1 (random port) speaking the real wire
 * protocols for the read-only operations crownpath's live loader calls:
 * query protocol with XML (IAM, STS, SNS), EC2 query, JSON 1.1 (KMS, Secrets
 * Manager, Organizations, ECR, SageMaker), JSON 1.0 (SQS), REST-XML (S3),
 * REST-JSON (Lambda, Bedrock agents). The service is
 * taken from the SigV4 credential scope of each request. It can throttle an
 * operation once (HTTP 400 `Throttling`) and deny a whole service (403).
 * bench/pmapper.ts serves PMapper's `graph create` from it too, which also
 * reads login profiles, virtual MFA devices and (empty here) Auto Scaling
 * launch configurations, CloudFormation stacks and CodeBuild projects.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request as the fake saw it. */
export interface FakeCall {
  readonly service: string
  readonly action: string
  /** Access key id from the SigV4 credential scope (never a secret). */
  readonly accessKeyId: string | null
  readonly status: number
}

/** What the fake answers with. Shapes follow the AWS API references. */
export interface FakeAwsState {
  readonly accountId: string
  /** `GetAccountAuthorizationDetails` pages, in the JSON shape (documents URL-encoded as the API returns them). */
  readonly authDetailsPages: readonly Record<string, unknown>[]
  readonly accessKeys: Readonly<Record<string, readonly { AccessKeyId: string; Status: string; CreateDate: string; LastUsed?: { LastUsedDate: string; ServiceName: string; Region: string } }[]>>
  readonly mfaDevices: Readonly<Record<string, readonly { SerialNumber: string; EnableDate: string }[]>>
  readonly credentialReportCsv: string
  readonly buckets: readonly { Name: string; Policy?: string; Tags?: Readonly<Record<string, string>> }[]
  readonly functions: readonly Record<string, unknown>[]
  /** Lambda function policies (JSON text) by `FunctionName`; none → `GetPolicy` answers 404 ResourceNotFoundException. */
  readonly functionPolicies?: Readonly<Record<string, string>>
  readonly instances: readonly { InstanceId: string; AvailabilityZone: string; ProfileArn?: string; State: string; Name?: string }[]
  readonly keys: readonly { KeyId: string; KeyArn: string; Policy: string }[]
  readonly secrets: readonly { ARN: string; Name: string; ResourcePolicy?: string }[]
  readonly organization: {
    readonly Organization: Record<string, unknown>
    readonly Roots: readonly Record<string, unknown>[]
    readonly OrganizationalUnits: readonly { Id: string; Name: string; ParentId: string }[]
    readonly Accounts: readonly { Id: string; Name: string; ParentId: string }[]
    readonly Policies: readonly { PolicySummary: Record<string, unknown>; Content: string; Targets: readonly { TargetId: string; Type: string }[] }[]
  } | null
  /** SQS queues (`QueueUrl` is built on the fake's own origin, as local SQS emulators do). */
  readonly queues?: readonly { Name: string; Policy?: string; Tags?: Readonly<Record<string, string>> }[]
  readonly topics?: readonly { TopicArn: string; Policy?: string; Tags?: Readonly<Record<string, string>> }[]
  /** ECR repositories; no `Policy` → `RepositoryPolicyNotFoundException`. */
  readonly repositories?: readonly { repositoryName: string; Policy?: string; Tags?: Readonly<Record<string, string>> }[]
  /** SageMaker tags by resource ARN (`ListTags`, one tag per page). */
  readonly sageMakerTags?: Readonly<Record<string, Readonly<Record<string, string>>>>
  readonly sageMaker?: {
    readonly notebooks: readonly { Name: string; RoleArn: string; Status: string }[]
    readonly trainingJobs: readonly { Name: string; RoleArn: string; Status: string }[]
    readonly models: readonly { Name: string; ExecutionRoleArn: string }[]
    /** Each endpoint gets an endpoint config of the same name serving `ModelNames`. */
    readonly endpoints: readonly { Name: string; ModelNames: readonly string[]; Status: string }[]
  }
  readonly agents?: readonly { agentId: string; agentName: string; agentResourceRoleArn: string; agentStatus: string }[]
  /** `<service>:<Action>` answered once with HTTP 400 Throttling before succeeding. */
  readonly throttleOnce: readonly string[]
  /** Services answering every call with 403 AccessDenied. */
  readonly deniedServices: readonly string[]
  /** `<service>:<Action>` answered with 403 AccessDenied (the rest of the service works). */
  readonly deniedActions?: readonly string[]
  /** Users with a console password (`GetLoginProfile`); the others answer 404 NoSuchEntity, as AWS does. */
  readonly loginProfiles?: readonly string[]
}

/** An account with nothing in it but `accountId`: spread it and set what a case needs. */
export function emptyFakeAccount(accountId: string): FakeAwsState {
  return {
    accountId,
    authDetailsPages: [],
    accessKeys: {},
    mfaDevices: {},
    credentialReportCsv: '',
    buckets: [],
    functions: [],
    instances: [],
    keys: [],
    secrets: [],
    organization: null,
    throttleOnce: [],
    deniedServices: [],
  }
}

/** A running fake. */
export interface FakeAwsServer {
  readonly endpoint: string
  readonly calls: FakeCall[]
  close(): Promise<void>
}

const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/'
const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/'
const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/'
const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/'
const SNS_NS = 'http://sns.amazonaws.com/doc/2010-03-31/'
const AUTOSCALING_NS = 'http://autoscaling.amazonaws.com/doc/2011-01-01/'
const CLOUDFORMATION_NS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/'

/** Every list of the newer services answers one item per page, to exercise each paginator. */
function pageOf<T>(items: readonly T[], token: unknown): { items: T[]; next: string | undefined } {
  const index = Number(typeof token === 'string' && token !== '' ? token : '0')
  return { items: items.slice(index, index + 1), next: index + 1 < items.length ? String(index + 1) : undefined }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** JSON value → query-protocol XML (lists as `<member>`). */
function toQueryXml(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => `<member>${toQueryXml(v)}</member>`).join('')
  if (value !== null && typeof value === 'object') {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `<${k}>${toQueryXml(v)}</${k}>`)
      .join('')
  }
  return escapeXml(String(value))
}

function queryResponse(ns: string, action: string, result: unknown): string {
  return `<${action}Response xmlns="${ns}"><${action}Result>${toQueryXml(result)}</${action}Result><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></${action}Response>`
}

function queryError(ns: string, code: string, message: string): string {
  return `<ErrorResponse xmlns="${ns}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>`
}

/** The service in the SigV4 credential scope: `Credential=<key>/<date>/<region>/<service>/aws4_request`. */
function signedScope(req: IncomingMessage): { service: string; accessKeyId: string | null } {
  const auth = req.headers['authorization'] ?? ''
  const match = /Credential=([^/]+)\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(auth)
  return { service: match?.[2] ?? 'unknown', accessKeyId: match?.[1] ?? null }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** Start the fake on 127.0.0.1 with a random port. */
export async function startFakeAws(state: FakeAwsState): Promise<FakeAwsServer> {
  const calls: FakeCall[] = []
  const throttled = new Set<string>()

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { service, accessKeyId } = signedScope(req)
    const body = await readBody(req)
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const send = (status: number, contentType: string, text: string, action: string, headers: Record<string, string> = {}): void => {
      calls.push({ service, action, accessKeyId, status })
      res.writeHead(status, { 'content-type': contentType, 'x-amzn-requestid': '00000000-0000-0000-0000-000000000000', ...headers })
      res.end(text)
    }
    const form = new URLSearchParams(body)
    const target = String(req.headers['x-amz-target'] ?? '')
    const action =
      service === 'iam' || service === 'sts' || service === 'ec2' || service === 'sns' || service === 'autoscaling' || service === 'cloudformation'
        ? (form.get('Action') ?? '?')
        : target
          ? target.split('.').pop()!
          : service === 'lambda'
            ? lambdaAction(req.method ?? 'GET', url)
            : service === 'bedrock'
              ? bedrockAction(req.method ?? 'GET', url)
              : s3Action(req.method ?? 'GET', url)
    const throttleKey = `${service}:${action}`
    const denied = state.deniedServices.includes(service) || (state.deniedActions ?? []).includes(throttleKey)
    const isThrottled = state.throttleOnce.includes(throttleKey) && !throttled.has(throttleKey) && (action !== 'GetAccountAuthorizationDetails' || form.has('Marker'))
    if (isThrottled) throttled.add(throttleKey)

    switch (service) {
      case 'iam':
      case 'sts': {
        const ns = service === 'iam' ? IAM_NS : STS_NS
        if (denied) return send(403, 'text/xml', queryError(ns, 'AccessDenied', `User is not authorized to perform: ${service}:${action}`), action)
        if (isThrottled) return send(400, 'text/xml', queryError(ns, 'Throttling', 'Rate exceeded'), action)
        // https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetLoginProfile.html: NoSuchEntity (404) for a user without a password.
        if (service === 'iam' && action === 'GetLoginProfile' && !(state.loginProfiles ?? []).includes(form.get('UserName') ?? '')) {
          return send(404, 'text/xml', queryError(ns, 'NoSuchEntity', `Login Profile for User ${form.get('UserName') ?? ''} cannot be found.`), action)
        }
        const result = service === 'iam' ? iamResult(state, action, form) : stsResult(state, action)
        if (result === undefined) return send(400, 'text/xml', queryError(ns, 'InvalidAction', `unknown action ${action}`), action)
        return send(200, 'text/xml', queryResponse(ns, action, result), action)
      }
      case 'ec2': {
        if (denied) return send(403, 'text/xml', `<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>0</RequestID></Response>`, action)
        if (action !== 'DescribeInstances') return send(400, 'text/xml', `<Response><Errors><Error><Code>InvalidAction</Code><Message>${action}</Message></Error></Errors><RequestID>0</RequestID></Response>`, action)
        return send(200, 'text/xml', ec2DescribeInstances(state), action)
      }
      case 'autoscaling':
      case 'cloudformation': {
        // The fake account has no launch configurations and no stacks (read by PMapper's edge checks).
        const ns = service === 'autoscaling' ? AUTOSCALING_NS : CLOUDFORMATION_NS
        if (denied) return send(403, 'text/xml', queryError(ns, 'AccessDenied', `User is not authorized to perform: ${service}:${action}`), action)
        const result = action === 'DescribeLaunchConfigurations' ? { LaunchConfigurations: [] } : action === 'DescribeStacks' ? { Stacks: [] } : undefined
        if (result === undefined) return send(400, 'text/xml', queryError(ns, 'InvalidAction', `unknown action ${action}`), action)
        return send(200, 'text/xml', queryResponse(ns, action, result), action)
      }
      case 'codebuild': {
        // JSON 1.1; no projects in the fake account.
        const json = 'application/x-amz-json-1.1'
        if (denied) return send(403, json, JSON.stringify({ __type: 'AccessDeniedException', message: `not authorized to perform codebuild:${action}` }), action)
        if (action === 'ListProjects') return send(200, json, JSON.stringify({ projects: [] }), action)
        if (action === 'BatchGetProjects') return send(200, json, JSON.stringify({ projects: [], projectsNotFound: [] }), action)
        return send(400, json, JSON.stringify({ __type: 'UnknownOperationException', message: action }), action)
      }
      case 'kms':
      case 'secretsmanager':
      case 'organizations': {
        const json = 'application/x-amz-json-1.1'
        if (denied) return send(403, json, JSON.stringify({ __type: 'AccessDeniedException', message: `not authorized to perform ${service}:${action}` }), action)
        if (isThrottled) return send(400, json, JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }), action)
        const input = body ? (JSON.parse(body) as Record<string, unknown>) : {}
        const result = jsonResult(state, service, action, input)
        if (result === undefined) return send(400, json, JSON.stringify({ __type: 'UnknownOperationException', message: action }), action)
        return send(200, json, JSON.stringify(result), action)
      }
      case 'sns': {
        if (denied) return send(403, 'text/xml', queryError(SNS_NS, 'AuthorizationError', `User is not authorized to perform: sns:${action}`), action)
        if (isThrottled) return send(400, 'text/xml', queryError(SNS_NS, 'Throttling', 'Rate exceeded'), action)
        const text = snsResponse(state, action, form)
        if (text === undefined) return send(404, 'text/xml', queryError(SNS_NS, 'NotFound', `no answer for ${action}`), action)
        return send(200, 'text/xml', text, action)
      }
      case 'sqs':
      case 'ecr':
      case 'sagemaker': {
        // SQS speaks JSON 1.0 with query-compatible error codes (`x-amzn-query-error`); ECR and SageMaker JSON 1.1.
        // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-making-api-requests-json.html
        const json = service === 'sqs' ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1'
        const error = (status: number, type: string, message: string, queryCode?: string): void =>
          send(status, json, JSON.stringify({ __type: type, message }), action, queryCode && service === 'sqs' ? { 'x-amzn-query-error': `${queryCode};Sender` } : {})
        if (denied) return error(403, 'AccessDeniedException', `not authorized to perform ${service}:${action}`, 'AccessDenied')
        if (isThrottled) return error(400, 'ThrottlingException', 'Rate exceeded', 'RequestThrottled')
        const input = body ? (JSON.parse(body) as Record<string, unknown>) : {}
        const origin = `http://${req.headers['host'] ?? '127.0.0.1'}`
        const result = service === 'sqs' ? sqsResult(state, action, input, origin) : service === 'ecr' ? ecrResult(state, action, input) : sageMakerResult(state, action, input)
        if (result === undefined) return error(400, 'ResourceNotFound', `no answer for ${action}`, 'ResourceNotFound')
        if ('__error' in result) return error(400, String(result['__error']), 'not found')
        return send(200, json, JSON.stringify(result), action)
      }
      case 'bedrock': {
        if (denied) return send(403, 'application/json', JSON.stringify({ message: `not authorized to perform: bedrock:${action}` }), action, { 'x-amzn-errortype': 'AccessDeniedException' })
        const input = body ? (JSON.parse(body) as Record<string, unknown>) : {}
        const result = bedrockResult(state, action, url, input)
        if (result === undefined) return send(404, 'application/json', JSON.stringify({ message: 'not found' }), action, { 'x-amzn-errortype': 'ResourceNotFoundException' })
        return send(200, 'application/json', JSON.stringify(result), action)
      }
      case 's3': {
        if (denied) return send(403, 'application/xml', `<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>0</RequestId></Error>`, action)
        return s3Respond(state, action, url, send)
      }
      case 'lambda': {
        if (denied) return send(403, 'application/json', JSON.stringify({ Message: `not authorized to perform: lambda:${action}` }), action, { 'x-amzn-errortype': 'AccessDeniedException' })
        const notFound = (message: string): void => send(404, 'application/json', JSON.stringify({ Type: 'User', Message: message }), action, { 'x-amzn-errortype': 'ResourceNotFoundException' })
        if (action === 'GetPolicy') {
          const name = decodeURIComponent(url.pathname.split('/')[3] ?? '')
          if (!state.functions.some((f) => f['FunctionName'] === name)) return notFound(`Function not found: ${name}`)
          const policy = state.functionPolicies?.[name]
          if (!policy) return notFound('The resource you requested does not exist.')
          return send(200, 'application/json', JSON.stringify({ Policy: policy, RevisionId: '00000000-0000-0000-0000-000000000001' }), action)
        }
        if (action !== 'ListFunctions') return notFound('not found')
        // One function per page, to exercise Marker/NextMarker pagination.
        const index = Number(url.searchParams.get('Marker') ?? '0')
        const page = state.functions.slice(index, index + 1)
        const next = index + 1 < state.functions.length ? String(index + 1) : undefined
        return send(200, 'application/json', JSON.stringify({ Functions: page, ...(next ? { NextMarker: next } : {}) }), action)
      }
      default:
        return send(400, 'text/plain', `unknown service ${service}`, action)
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' })
      res.end(String(error))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  }
}

function iamResult(state: FakeAwsState, action: string, form: URLSearchParams): unknown {
  const user = form.get('UserName') ?? ''
  switch (action) {
    case 'GetAccountAuthorizationDetails': {
      const index = Number(form.get('Marker') ?? '0')
      const page = state.authDetailsPages[index] ?? {}
      const isTruncated = index + 1 < state.authDetailsPages.length
      return { ...page, IsTruncated: isTruncated, ...(isTruncated ? { Marker: String(index + 1) } : {}) }
    }
    case 'ListAccessKeys':
      return {
        AccessKeyMetadata: (state.accessKeys[user] ?? []).map((k) => ({ UserName: user, AccessKeyId: k.AccessKeyId, Status: k.Status, CreateDate: k.CreateDate })),
        IsTruncated: false,
      }
    case 'GetAccessKeyLastUsed': {
      const id = form.get('AccessKeyId')
      for (const [name, keys] of Object.entries(state.accessKeys)) {
        const key = keys.find((k) => k.AccessKeyId === id)
        if (key) return { UserName: name, AccessKeyLastUsed: key.LastUsed ?? { ServiceName: 'N/A', Region: 'N/A' } }
      }
      return undefined
    }
    case 'ListMFADevices':
      return { MFADevices: (state.mfaDevices[user] ?? []).map((d) => ({ UserName: user, ...d })), IsTruncated: false }
    case 'ListVirtualMFADevices':
      // Virtual devices are the ones whose serial is an `arn:aws:iam::<account>:mfa/<name>` ARN (hardware ones have plain serials).
      return {
        VirtualMFADevices: Object.entries(state.mfaDevices).flatMap(([name, devices]) =>
          devices
            .filter((d) => d.SerialNumber.startsWith('arn:'))
            .map((d) => ({ SerialNumber: d.SerialNumber, EnableDate: d.EnableDate, User: { Path: '/', UserName: name, UserId: 'AIDAFAKEFAKEFAKEFAKE', Arn: `arn:aws:iam::${state.accountId}:user/${name}`, CreateDate: '2023-01-01T00:00:00Z' } })),
        ),
        IsTruncated: false,
      }
    case 'GetLoginProfile':
      return { LoginProfile: { UserName: user, CreateDate: '2023-01-01T00:00:00Z', PasswordResetRequired: false } }
    case 'GenerateCredentialReport':
      return { State: 'COMPLETE', Description: 'No report exists. Starting a new report generation task' }
    case 'GetCredentialReport':
      return { Content: Buffer.from(state.credentialReportCsv).toString('base64'), ReportFormat: 'text/csv', GeneratedTime: '2026-11-27T00:00:00Z' }
    default:
      return undefined
  }
}

function stsResult(state: FakeAwsState, action: string): unknown {
  switch (action) {
    case 'GetCallerIdentity':
      return { UserId: 'AIDAFAKEFAKEFAKEFAKE', Account: state.accountId, Arn: `arn:aws:iam::${state.accountId}:user/auditor` }
    case 'AssumeRole':
      return {
        Credentials: { AccessKeyId: 'ASIAFAKEASSUMED00001', SecretAccessKey: 'fake-assumed-secret', SessionToken: 'fake-session-token', Expiration: '2026-11-27T23:00:00Z' },
        AssumedRoleUser: { AssumedRoleId: 'AROAFAKE:crownpath-collect', Arn: `arn:aws:sts::${state.accountId}:assumed-role/audit/crownpath-collect` },
      }
    default:
      return undefined
  }
}

function ec2DescribeInstances(state: FakeAwsState): string {
  const items = state.instances
    .map(
      (i) =>
        `<item><instanceId>${i.InstanceId}</instanceId><placement><availabilityZone>${i.AvailabilityZone}</availabilityZone></placement><instanceState><code>16</code><name>${i.State}</name></instanceState>` +
        (i.ProfileArn ? `<iamInstanceProfile><arn>${i.ProfileArn}</arn><id>AIPAFAKE</id></iamInstanceProfile>` : '') +
        (i.Name ? `<tagSet><item><key>Name</key><value>${escapeXml(i.Name)}</value></item></tagSet>` : '') +
        `<metadataOptions><httpTokens>required</httpTokens></metadataOptions></item>`,
    )
    .join('')
  return `<DescribeInstancesResponse xmlns="${EC2_NS}"><requestId>0</requestId><reservationSet><item><reservationId>r-0fake</reservationId><ownerId>${state.accountId}</ownerId><groupSet/><instancesSet>${items}</instancesSet></item></reservationSet></DescribeInstancesResponse>`
}

function jsonResult(state: FakeAwsState, service: string, action: string, input: Record<string, unknown>): unknown {
  if (service === 'kms') {
    if (action === 'ListKeys') return { Keys: state.keys.map((k) => ({ KeyId: k.KeyId, KeyArn: k.KeyArn })), Truncated: false }
    if (action === 'GetKeyPolicy') {
      const key = state.keys.find((k) => k.KeyId === input['KeyId'] || k.KeyArn === input['KeyId'])
      return key ? { Policy: key.Policy, PolicyName: 'default' } : undefined
    }
  }
  if (service === 'secretsmanager') {
    if (action === 'ListSecrets') return { SecretList: state.secrets.map((s) => ({ ARN: s.ARN, Name: s.Name })) }
    if (action === 'GetResourcePolicy') {
      const secret = state.secrets.find((s) => s.ARN === input['SecretId'])
      return secret ? { ARN: secret.ARN, Name: secret.Name, ...(secret.ResourcePolicy ? { ResourcePolicy: secret.ResourcePolicy } : {}) } : undefined
    }
  }
  if (service === 'organizations') {
    const org = state.organization
    if (!org) return action === 'DescribeOrganization' ? undefined : undefined
    const parent = input['ParentId']
    switch (action) {
      case 'DescribeOrganization':
        return { Organization: org.Organization }
      case 'ListRoots':
        return { Roots: org.Roots }
      case 'ListOrganizationalUnitsForParent':
        return { OrganizationalUnits: org.OrganizationalUnits.filter((u) => u.ParentId === parent).map(({ Id, Name }) => ({ Id, Name })) }
      case 'ListAccountsForParent':
        return { Accounts: org.Accounts.filter((a) => a.ParentId === parent).map(({ Id, Name }) => ({ Id, Name, Status: 'ACTIVE' })) }
      case 'ListPolicies':
        return { Policies: org.Policies.filter((p) => p.PolicySummary['Type'] === input['Filter']).map((p) => p.PolicySummary) }
      case 'DescribePolicy': {
        const policy = org.Policies.find((p) => p.PolicySummary['Id'] === input['PolicyId'])
        return policy ? { Policy: { PolicySummary: policy.PolicySummary, Content: policy.Content } } : undefined
      }
      case 'ListTargetsForPolicy': {
        const policy = org.Policies.find((p) => p.PolicySummary['Id'] === input['PolicyId'])
        return policy ? { Targets: policy.Targets } : undefined
      }
    }
  }
  return undefined
}

function s3Action(method: string, url: URL): string {
  if (url.pathname === '/' || url.pathname === '') return 'ListBuckets'
  if (url.searchParams.has('policy')) return 'GetBucketPolicy'
  if (url.searchParams.has('tagging')) return 'GetBucketTagging'
  return `${method}Object`
}

function s3Respond(state: FakeAwsState, action: string, url: URL, send: (status: number, type: string, text: string, action: string) => void): void {
  const xmlError = (code: string, message: string): string => `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>0</RequestId></Error>`
  if (action === 'ListBuckets') {
    const buckets = state.buckets.map((b) => `<Bucket><Name>${b.Name}</Name><CreationDate>2025-01-01T00:00:00.000Z</CreationDate></Bucket>`).join('')
    return send(200, 'application/xml', `<?xml version="1.0" encoding="UTF-8"?><ListAllMyBucketsResult xmlns="${S3_NS}"><Owner><ID>fakeowner</ID></Owner><Buckets>${buckets}</Buckets></ListAllMyBucketsResult>`, action)
  }
  const name = decodeURIComponent(url.pathname.split('/')[1] ?? '')
  const bucket = state.buckets.find((b) => b.Name === name)
  if (!bucket) return send(404, 'application/xml', xmlError('NoSuchBucket', 'The specified bucket does not exist'), action)
  if (action === 'GetBucketPolicy') {
    if (!bucket.Policy) return send(404, 'application/xml', xmlError('NoSuchBucketPolicy', 'The bucket policy does not exist'), action)
    return send(200, 'application/json', bucket.Policy, action)
  }
  if (action === 'GetBucketTagging') {
    if (!bucket.Tags) return send(404, 'application/xml', xmlError('NoSuchTagSet', 'The TagSet does not exist'), action)
    const tags = Object.entries(bucket.Tags).map(([k, v]) => `<Tag><Key>${escapeXml(k)}</Key><Value>${escapeXml(v)}</Value></Tag>`).join('')
    return send(200, 'application/xml', `<?xml version="1.0" encoding="UTF-8"?><Tagging xmlns="${S3_NS}"><TagSet>${tags}</TagSet></Tagging>`, action)
  }
  return send(405, 'application/xml', xmlError('MethodNotAllowed', 'not supported by the fake'), action)
}

function snsResponse(state: FakeAwsState, action: string, form: URLSearchParams): string | undefined {
  const topics = state.topics ?? []
  if (action === 'ListTopics') {
    const { items, next } = pageOf(topics, form.get('NextToken'))
    return queryResponse(SNS_NS, action, { Topics: items.map((t) => ({ TopicArn: t.TopicArn })), NextToken: next })
  }
  if (action === 'GetTopicAttributes') {
    const topic = topics.find((t) => t.TopicArn === form.get('TopicArn'))
    if (!topic) return undefined
    // Query-protocol maps are `<entry><key/><value/></entry>` lists.
    const attributes = { TopicArn: topic.TopicArn, ...(topic.Policy ? { Policy: topic.Policy } : {}) }
    const entries = Object.entries(attributes).map(([k, v]) => `<entry><key>${k}</key><value>${escapeXml(v)}</value></entry>`).join('')
    return `<${action}Response xmlns="${SNS_NS}"><${action}Result><Attributes>${entries}</Attributes></${action}Result><ResponseMetadata><RequestId>0</RequestId></ResponseMetadata></${action}Response>`
  }
  if (action === 'ListTagsForResource') {
    const topic = topics.find((t) => t.TopicArn === form.get('ResourceArn'))
    if (!topic) return undefined
    return queryResponse(SNS_NS, action, { Tags: Object.entries(topic.Tags ?? {}).map(([Key, Value]) => ({ Key, Value })) })
  }
  return undefined
}

function sqsResult(state: FakeAwsState, action: string, input: Record<string, unknown>, origin: string): Record<string, unknown> | undefined {
  const queues = state.queues ?? []
  if (action === 'ListQueues') {
    const { items, next } = pageOf(queues, input['NextToken'])
    return { QueueUrls: items.map((q) => `${origin}/${state.accountId}/${q.Name}`), ...(next ? { NextToken: next } : {}) }
  }
  if (action === 'GetQueueAttributes') {
    const queue = queues.find((q) => String(input['QueueUrl']).endsWith(`/${state.accountId}/${q.Name}`))
    if (!queue) return { __error: 'QueueDoesNotExist' }
    const wanted = (input['AttributeNames'] as string[] | undefined) ?? []
    const all: Record<string, string> = { QueueArn: `arn:aws:sqs:us-east-1:${state.accountId}:${queue.Name}`, ...(queue.Policy ? { Policy: queue.Policy } : {}) }
    return { Attributes: Object.fromEntries(Object.entries(all).filter(([k]) => wanted.includes(k) || wanted.includes('All'))) }
  }
  if (action === 'ListQueueTags') {
    const queue = queues.find((q) => String(input['QueueUrl']).endsWith(`/${state.accountId}/${q.Name}`))
    if (!queue) return { __error: 'QueueDoesNotExist' }
    // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListQueueTags.html — a map, omitted when empty.
    return queue.Tags ? { Tags: queue.Tags } : {}
  }
  return undefined
}

function ecrResult(state: FakeAwsState, action: string, input: Record<string, unknown>): Record<string, unknown> | undefined {
  const repos = state.repositories ?? []
  const arnOf = (name: string): string => `arn:aws:ecr:us-east-1:${state.accountId}:repository/${name}`
  if (action === 'DescribeRepositories') {
    const { items, next } = pageOf(repos, input['nextToken'])
    return {
      repositories: items.map((r) => ({ repositoryArn: arnOf(r.repositoryName), registryId: state.accountId, repositoryName: r.repositoryName, repositoryUri: `${state.accountId}.dkr.ecr.us-east-1.amazonaws.com/${r.repositoryName}` })),
      ...(next ? { nextToken: next } : {}),
    }
  }
  if (action === 'GetRepositoryPolicy') {
    const repo = repos.find((r) => r.repositoryName === input['repositoryName'])
    if (!repo) return { __error: 'RepositoryNotFoundException' }
    if (!repo.Policy) return { __error: 'RepositoryPolicyNotFoundException' }
    return { registryId: state.accountId, repositoryName: repo.repositoryName, policyText: repo.Policy }
  }
  if (action === 'ListTagsForResource') {
    const repo = repos.find((r) => arnOf(r.repositoryName) === input['resourceArn'])
    if (!repo) return { __error: 'RepositoryNotFoundException' }
    return { tags: Object.entries(repo.Tags ?? {}).map(([Key, Value]) => ({ Key, Value })) }
  }
  return undefined
}

function sageMakerResult(state: FakeAwsState, action: string, input: Record<string, unknown>): Record<string, unknown> | undefined {
  const sm = state.sageMaker ?? { notebooks: [], trainingJobs: [], models: [], endpoints: [] }
  const arn = (kind: string, name: string): string => `arn:aws:sagemaker:us-east-1:${state.accountId}:${kind}/${name.toLowerCase()}`
  const list = <T>(key: string, items: readonly T[], map: (item: T) => Record<string, unknown>): Record<string, unknown> => {
    const { items: page, next } = pageOf(items, input['NextToken'])
    return { [key]: page.map(map), ...(next ? { NextToken: next } : {}) }
  }
  switch (action) {
    case 'ListNotebookInstances':
      return list('NotebookInstances', sm.notebooks, (n) => ({ NotebookInstanceName: n.Name, NotebookInstanceArn: arn('notebook-instance', n.Name), NotebookInstanceStatus: n.Status }))
    case 'DescribeNotebookInstance': {
      const n = sm.notebooks.find((x) => x.Name === input['NotebookInstanceName'])
      return n && { NotebookInstanceName: n.Name, NotebookInstanceArn: arn('notebook-instance', n.Name), NotebookInstanceStatus: n.Status, RoleArn: n.RoleArn, DirectInternetAccess: 'Enabled', RootAccess: 'Enabled' }
    }
    case 'ListTrainingJobs':
      return list('TrainingJobSummaries', sm.trainingJobs, (j) => ({ TrainingJobName: j.Name, TrainingJobArn: arn('training-job', j.Name), TrainingJobStatus: j.Status, CreationTime: 1764201600 }))
    case 'DescribeTrainingJob': {
      const j = sm.trainingJobs.find((x) => x.Name === input['TrainingJobName'])
      return j && { TrainingJobName: j.Name, TrainingJobArn: arn('training-job', j.Name), TrainingJobStatus: j.Status, RoleArn: j.RoleArn, CreationTime: 1764201600 }
    }
    case 'ListModels':
      return list('Models', sm.models, (m) => ({ ModelName: m.Name, ModelArn: arn('model', m.Name), CreationTime: 1764201600 }))
    case 'DescribeModel': {
      const m = sm.models.find((x) => x.Name === input['ModelName'])
      return m && { ModelName: m.Name, ModelArn: arn('model', m.Name), ExecutionRoleArn: m.ExecutionRoleArn, CreationTime: 1764201600 }
    }
    case 'ListEndpoints':
      return list('Endpoints', sm.endpoints, (e) => ({ EndpointName: e.Name, EndpointArn: arn('endpoint', e.Name), EndpointStatus: e.Status, CreationTime: 1764201600, LastModifiedTime: 1764201600 }))
    case 'DescribeEndpoint': {
      const e = sm.endpoints.find((x) => x.Name === input['EndpointName'])
      return e && { EndpointName: e.Name, EndpointArn: arn('endpoint', e.Name), EndpointConfigName: e.Name, EndpointStatus: e.Status, CreationTime: 1764201600, LastModifiedTime: 1764201600 }
    }
    case 'DescribeEndpointConfig': {
      const e = sm.endpoints.find((x) => x.Name === input['EndpointConfigName'])
      return e && { EndpointConfigName: e.Name, EndpointConfigArn: arn('endpoint-config', e.Name), ProductionVariants: e.ModelNames.map((m, i) => ({ VariantName: `variant-${i + 1}`, ModelName: m })), CreationTime: 1764201600 }
    }
    case 'ListTags': {
      const tags = Object.entries(state.sageMakerTags?.[String(input['ResourceArn'])] ?? {}).map(([Key, Value]) => ({ Key, Value }))
      const { items, next } = pageOf(tags, input['NextToken'])
      return { Tags: items, ...(next ? { NextToken: next } : {}) }
    }
    default:
      return undefined
  }
}

/** Lambda REST routes: `GET /2015-03-31/functions/` (ListFunctions), `GET /2015-03-31/functions/{name}/policy` (GetPolicy). */
function lambdaAction(method: string, url: URL): string {
  if (method === 'GET' && /^\/2015-03-31\/functions\/?$/.test(url.pathname)) return 'ListFunctions'
  if (method === 'GET' && /^\/2015-03-31\/functions\/[^/]+\/policy\/?$/.test(url.pathname)) return 'GetPolicy'
  return `${method}Unknown`
}

/** Bedrock agents REST routes: `POST /agents/` (ListAgents), `GET /agents/{agentId}/` (GetAgent). */
function bedrockAction(method: string, url: URL): string {
  if (method === 'POST' && /^\/agents\/?$/.test(url.pathname)) return 'ListAgents'
  if (method === 'GET' && /^\/agents\/[^/]+\/?$/.test(url.pathname)) return 'GetAgent'
  return `${method}Unknown`
}

function bedrockResult(state: FakeAwsState, action: string, url: URL, input: Record<string, unknown>): Record<string, unknown> | undefined {
  const agents = state.agents ?? []
  const arnOf = (id: string): string => `arn:aws:bedrock:us-east-1:${state.accountId}:agent/${id}`
  if (action === 'ListAgents') {
    const { items, next } = pageOf(agents, input['nextToken'])
    return { agentSummaries: items.map((a) => ({ agentId: a.agentId, agentName: a.agentName, agentStatus: a.agentStatus, updatedAt: '2026-11-01T00:00:00Z' })), ...(next ? { nextToken: next } : {}) }
  }
  if (action === 'GetAgent') {
    const id = decodeURIComponent(url.pathname.split('/')[2] ?? '')
    const a = agents.find((x) => x.agentId === id)
    return a && { agent: { ...a, agentArn: arnOf(a.agentId), agentVersion: 'DRAFT', idleSessionTTLInSeconds: 600, createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z' } }
  }
  return undefined
}
