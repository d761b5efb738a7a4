import { spawnSync } from 'node:child_process'
import { GetLoginProfileCommand, IAMClient, ListVirtualMFADevicesCommand, paginateGetAccountAuthorizationDetails } from '@aws-sdk/client-iam'
import { afterEach, describe, expect, it } from 'vitest'
import {
  LOOPBACK_GUARD_PY,
  PMAPPER_ACCESS_KEY_ID,
  PMAPPER_ENDPOINT_SERVICE_IDS,
  accountAuthDetails,
  compareSets,
  compareWithPmapper,
  formatPmapperLines,
  isLoopbackUrl,
  parsePrivescOutput,
  pmapperEnv,
  pmapperGraphArgs,
  searchableName,
  selectLargestAccounts,
  summariseCalls,
  toApiPages,
} from '../../bench/pmapper.js'
import { emptyFakeAccount, startFakeAws, type FakeAwsServer } from '../fakes/aws-server.js'

// Nothing here installs or runs PMapper: pure functions, the fake on 127.0.0.1, and the
// loopback guard run by the system python3 with its real socket functions swapped for tripwires.

const DIRS = { home: '/tmp/pmapper-home', storage: '/tmp/pmapper-storage' }
const ENDPOINT = 'http://127.0.0.1:4566'

/** The clients `pmapper graph create --localstack-endpoint` makes (PMapper 1.1.5 graph_cli), by botocore env name. */
const PMAPPER_CLIENTS = ['AUTO_SCALING', 'CLOUDFORMATION', 'CODEBUILD', 'EC2', 'IAM', 'KMS', 'LAMBDA', 'SAGEMAKER', 'S3', 'SSM', 'SECRETS_MANAGER', 'SNS', 'STS', 'SQS']

describe('bench/pmapper: PMapper can only reach loopback', () => {
  const saved = { ...process.env }
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
    Object.assign(process.env, saved)
  })

  it('sets every endpoint variable, global and per service, to the loopback fake', () => {
    const env = pmapperEnv(ENDPOINT, DIRS)
    const endpointVars = Object.entries(env).filter(([k]) => k.startsWith('AWS_ENDPOINT_URL'))
    expect(endpointVars.length).toBe(PMAPPER_ENDPOINT_SERVICE_IDS.length + 1)
    for (const [name, value] of endpointVars) expect(isLoopbackUrl(value), `${name}=${value}`).toBe(true)
    expect(env['AWS_ENDPOINT_URL']).toBe(ENDPOINT)
    for (const id of PMAPPER_CLIENTS) expect(env[`AWS_ENDPOINT_URL_${id}`], id).toBe(ENDPOINT)
    // Any value that is a URL at all points at loopback.
    for (const [name, value] of Object.entries(env)) if (/^[a-z]+:\/\//i.test(value)) expect(isLoopbackUrl(value), name).toBe(true)
  })

  it('passes nothing of the bench’s own environment: no profile, endpoint, proxy or config file', () => {
    Object.assign(process.env, {
      AWS_PROFILE: 'prod',
      AWS_ENDPOINT_URL_IAM: 'https://iam.amazonaws.com',
      AWS_ENDPOINT_URL_ORGANIZATIONS: 'https://organizations.us-east-1.amazonaws.com',
      AWS_CONFIG_FILE: '/root/.aws/config',
      AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.2/creds',
      HTTPS_PROXY: 'http://proxy.example:3128',
      AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true',
    })
    const env = pmapperEnv(ENDPOINT, DIRS)
    expect(env['AWS_PROFILE']).toBeUndefined()
    expect(env['AWS_CONTAINER_CREDENTIALS_FULL_URI']).toBeUndefined()
    expect(env['HTTPS_PROXY']).toBeUndefined()
    expect(env['https_proxy']).toBeUndefined()
    expect(env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS']).toBeUndefined()
    expect(env['AWS_ENDPOINT_URL_IAM']).toBe(ENDPOINT)
    expect(env['AWS_ENDPOINT_URL_ORGANIZATIONS']).toBe(ENDPOINT)
    expect(env['AWS_CONFIG_FILE']!.startsWith(DIRS.home)).toBe(true)
    expect(env['AWS_SHARED_CREDENTIALS_FILE']!.startsWith(DIRS.home)).toBe(true)
    expect(env).toMatchObject({ AWS_ACCESS_KEY_ID: PMAPPER_ACCESS_KEY_ID, AWS_EC2_METADATA_DISABLED: 'true', PMAPPER_STORAGE: DIRS.storage, HOME: DIRS.home })
  })

  it('refuses an endpoint that is not loopback, for the environment and for the arguments', () => {
    // Only the API server's loopback hosts count: another 127/8 address does not.
    for (const url of ['https://iam.amazonaws.com', 'http://127.3.2.1:80', 'http://10.0.0.1:4566', 'http://127.0.0.1.example.com:80', 'http://169.254.169.254/', 'file:///etc/passwd', 'not a url']) {
      expect(isLoopbackUrl(url), url).toBe(false)
      expect(() => pmapperEnv(url, DIRS), url).toThrow(/loopback/)
      expect(() => pmapperGraphArgs(url), url).toThrow(/loopback/)
    }
    for (const url of ['http://127.0.0.1:1', 'http://localhost:4566', 'http://[::1]:4566']) expect(isLoopbackUrl(url), url).toBe(true)
  })

  it('runs graph create against the endpoint with PMapper’s own option, one region, no stored org data', () => {
    const args = pmapperGraphArgs(ENDPOINT)
    expect(args.slice(0, 2)).toEqual(['graph', 'create'])
    expect(args[args.indexOf('--localstack-endpoint') + 1]).toBe(ENDPOINT)
    expect(args[args.indexOf('--include-regions') + 1]).toBe('us-east-1')
    expect(args).toContain('--ignore-orgs')
  })

  // python3 is part of the machines the suite runs on: in CI a missing one fails this test; elsewhere it is skipped, loudly.
  const python = spawnSync('python3', ['--version'], { encoding: 'utf8' })
  const noPython = python.status !== 0 && !process.env.CI
  if (noPython) console.warn('bench/pmapper: python3 not found, the loopback guard test is skipped on this machine')
  it.skipIf(noPython)('the guard refuses every lookup and connection off loopback before the real socket call', () => {
    // The real functions are replaced by tripwires first: even a broken guard sends nothing.
    const probe = `${LOOPBACK_GUARD_PY}
import json, sys
# Attempt nothing unless every wrapper is in place (then the real calls below are tripwires).
installed = [socket.getaddrinfo is _crownpath_getaddrinfo, socket.gethostbyname is _crownpath_gethostbyname, socket.gethostbyname_ex is _crownpath_gethostbyname_ex, socket.socket.connect is _crownpath_connect, socket.socket.connect_ex is _crownpath_connect_ex]
if not all(installed):
    sys.exit('guard not installed: %r' % installed)
reached = []
def tripwire(name):
    def f(*args, **kwargs):
        reached.append(name + ' ' + repr(args[1] if name.startswith('connect') else args[0]))
        return 0 if name == 'connect_ex' else None
    return f
for name in list(_crownpath_real):
    _crownpath_real[name] = tripwire(name)
refused = []
def attempt(label, fn):
    try:
        fn()
    except ConnectionRefusedError:
        refused.append(label)
s4 = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s6 = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
attempt('lookup aws', lambda: socket.getaddrinfo('iam.amazonaws.com', 443))
attempt('lookup bytes', lambda: socket.getaddrinfo(b'sts.amazonaws.com', 443))
attempt('gethostbyname', lambda: socket.gethostbyname('example.com'))
attempt('gethostbyname_ex', lambda: socket.gethostbyname_ex('example.com'))
attempt('create_connection', lambda: socket.create_connection(('s3.amazonaws.com', 443)))
attempt('connect v4', lambda: s4.connect(('192.0.2.1', 443)))
attempt('connect_ex v4', lambda: s4.connect_ex(('169.254.169.254', 80)))
attempt('connect v6', lambda: s6.connect(('2001:db8::1', 443, 0, 0)))
attempt('loopback lookup', lambda: socket.getaddrinfo('127.0.0.1', 80))
attempt('localhost lookup', lambda: socket.getaddrinfo('localhost', 80))
attempt('loopback connect', lambda: s4.connect(('127.0.0.1', 9)))
attempt('loopback v6 connect', lambda: s6.connect(('::1', 9, 0, 0)))
print(json.dumps({'refused': refused, 'reached': reached}))
`
    const run = spawnSync('python3', ['-c', probe], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' } })
    expect(run.status, run.stderr).toBe(0)
    const result = JSON.parse(run.stdout.trim()) as { refused: string[]; reached: string[] }
    expect(result.refused).toEqual(['lookup aws', 'lookup bytes', 'gethostbyname', 'gethostbyname_ex', 'create_connection', 'connect v4', 'connect_ex v4', 'connect v6'])
    expect(result.reached).toEqual(["getaddrinfo '127.0.0.1'", "getaddrinfo 'localhost'", "connect ('127.0.0.1', 9)", "connect ('::1', 9, 0, 0)"])
    // One marker line per refusal, which summariseCalls counts.
    expect(summariseCalls([], run.stderr).refusedByGuard).toBe(8)
  })
})

/** A tiny CLI-shape authorization-details document. */
function details(account: string, users: number, roles: number, inline: number): Record<string, unknown> {
  const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }
  return {
    UserDetailList: Array.from({ length: users }, (_, i) => ({ UserName: `u${i}`, Arn: `arn:aws:iam::${account}:user/u${i}`, UserId: `AIDA${i}`, GroupList: [], AttachedManagedPolicies: [], UserPolicyList: Array.from({ length: inline }, (_, j) => ({ PolicyName: `p${j}`, PolicyDocument: doc })) })),
    GroupDetailList: [{ GroupName: 'g', Arn: `arn:aws:iam::${account}:group/g`, GroupPolicyList: [{ PolicyName: 'gp', PolicyDocument: doc }], AttachedManagedPolicies: [] }],
    RoleDetailList: Array.from({ length: roles }, (_, i) => ({ RoleName: `r${i}`, Arn: `arn:aws:iam::${account}:role/r${i}`, AssumeRolePolicyDocument: doc, InstanceProfileList: [], RolePolicyList: [], AttachedManagedPolicies: [] })),
    Policies: [{ PolicyName: 'm', Arn: `arn:aws:iam::${account}:policy/m`, DefaultVersionId: 'v1', PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: doc }] }],
  }
}

describe('bench/pmapper: choosing and serving an account', () => {
  it('takes the accounts with the most principals, then the most policies, then the lowest id', () => {
    const files = {
      'aws/auth-details-300000000000.json': details('300000000000', 2, 2, 0),
      'aws/auth-details-300000001111.json': details('300000001111', 3, 2, 0),
      'aws/auth-details-300000002222.json': details('300000002222', 2, 3, 4),
      'aws/auth-details-300000003333.json': details('300000003333', 2, 3, 4),
      'aws/resources.json': { resources: [] },
    }
    const accounts = accountAuthDetails(files)
    expect(accounts.map((a) => [a.account, a.principals, a.policies])).toEqual([
      ['300000000000', 4, 2],
      ['300000001111', 5, 2],
      ['300000002222', 5, 10],
      ['300000003333', 5, 10],
    ])
    expect(selectLargestAccounts(accounts, 3).map((a) => a.account)).toEqual(['300000002222', '300000003333', '300000001111'])
    expect(selectLargestAccounts(accounts, 0)).toEqual([])
  })

  it('pages the details as the API does, documents URL-encoded, already-encoded ones left alone', () => {
    const cli = details('300000000000', 150, 60, 1)
    const pages = toApiPages(cli, 100)
    const all = (key: string) => pages.flatMap((p) => p[key] as Record<string, unknown>[])
    // 150 users + 1 group + 60 roles + 1 policy = 212 entries → 100, 100, 12, in the API's order.
    expect(pages.map((p) => Object.values(p).reduce((n: number, list) => n + (list as unknown[]).length, 0))).toEqual([100, 100, 12])
    expect(all('UserDetailList').map((u) => u['UserName'])).toEqual((cli['UserDetailList'] as Record<string, unknown>[]).map((u) => u['UserName']))
    const role = all('RoleDetailList')[0]!
    expect(typeof role['AssumeRolePolicyDocument']).toBe('string')
    expect(JSON.parse(decodeURIComponent(role['AssumeRolePolicyDocument'] as string))).toEqual((cli['RoleDetailList'] as Record<string, unknown>[])[0]!['AssumeRolePolicyDocument'])
    const version = (all('Policies')[0]!['PolicyVersionList'] as Record<string, unknown>[])[0]!
    expect(decodeURIComponent(version['Document'] as string)).toBe(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }))
    // The raw shape (every fifth generated account) is already encoded: paging it again changes nothing.
    expect(toApiPages(pages[0]!, 1000)).toEqual([pages[0]])
  })

  let fake: FakeAwsServer | null = null
  afterEach(async () => {
    await fake?.close()
    fake = null
  })

  it('serves the pages through the fake: an SDK reads every entry back, and the reads PMapper adds answer as AWS does', async () => {
    const cli = details('300000000000', 150, 60, 1)
    fake = await startFakeAws({ ...emptyFakeAccount('300000000000'), authDetailsPages: toApiPages(cli), mfaDevices: { u1: [{ SerialNumber: 'arn:aws:iam::300000000000:mfa/u1', EnableDate: '2024-01-01T00:00:00Z' }], u2: [{ SerialNumber: 'GAHT12345678', EnableDate: '2024-01-01T00:00:00Z' }] }, loginProfiles: ['u0'] })
    const iam = new IAMClient({ endpoint: fake.endpoint, region: 'us-east-1', credentials: { accessKeyId: PMAPPER_ACCESS_KEY_ID, secretAccessKey: 'x' } })
    const users: string[] = []
    let roles = 0
    for await (const page of paginateGetAccountAuthorizationDetails({ client: iam }, {})) {
      users.push(...(page.UserDetailList ?? []).map((u) => u.UserName!))
      roles += page.RoleDetailList?.length ?? 0
    }
    expect(users).toHaveLength(150)
    expect(roles).toBe(60)
    await expect(iam.send(new GetLoginProfileCommand({ UserName: 'u1' }))).rejects.toMatchObject({ name: 'NoSuchEntityException', $metadata: { httpStatusCode: 404 } })
    expect((await iam.send(new GetLoginProfileCommand({ UserName: 'u0' }))).LoginProfile?.UserName).toBe('u0')
    const virtual = await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned' }))
    expect(virtual.VirtualMFADevices?.map((d) => d.User?.Arn)).toEqual(['arn:aws:iam::300000000000:user/u1'])
    const calls = summariseCalls(fake.calls, '')
    expect(calls.byAction['iam:GetAccountAuthorizationDetails']).toBe(3)
    expect(calls.notOk).toEqual({ 'iam:GetLoginProfile 404': 1 })
    expect(calls.otherKeys).toBe(0)
    iam.destroy()
  })
})

describe('bench/pmapper: reading PMapper’s answers', () => {
  it('parses preset privesc output into admins and escalations', () => {
    const out = [
      'user/breakglass-admin is an administrative principal',
      'role/role-9-3 is an administrative principal',
      'user/user-9-8 can escalate privileges by accessing the administrative principal role/role-9-3:',
      '   user/user-9-8 can use EC2 to run an instance with an existing instance profile to access role/role-9-3',
      '',
      'role/role-9-40 can escalate privileges by accessing the administrative principal user/breakglass-admin:',
      '   role/role-9-40 can create an access key to authenticate as user/breakglass-admin',
    ].join('\n')
    expect(parsePrivescOutput(out)).toEqual({ admins: ['user/breakglass-admin', 'role/role-9-3'], privesc: ['user/user-9-8', 'role/role-9-40'] })
  })

  it('names a principal as PMapper searches it: type and last path element', () => {
    expect(searchableName('arn:aws:iam::300000000000:user/u1')).toBe('user/u1')
    expect(searchableName('arn:aws:iam::300000000000:role/service-role/team/deployer')).toBe('role/deployer')
  })

  it('counts calls by action, answers that were not 2xx, foreign keys and guard refusals', () => {
    const log = summariseCalls(
      [
        { service: 'sts', action: 'GetCallerIdentity', accessKeyId: PMAPPER_ACCESS_KEY_ID, status: 200 },
        { service: 'iam', action: 'GetLoginProfile', accessKeyId: PMAPPER_ACCESS_KEY_ID, status: 404 },
        { service: 'iam', action: 'GetLoginProfile', accessKeyId: null, status: 404 },
      ],
      'noise\nCROWNPATH_LOOPBACK_GUARD refused lookup of \'iam.amazonaws.com\'\n',
    )
    expect(log).toEqual({ total: 3, byAction: { 'sts:GetCallerIdentity': 1, 'iam:GetLoginProfile': 2 }, notOk: { 'iam:GetLoginProfile 404': 2 }, otherKeys: 1, refusedByGuard: 1 })
  })

  it('compares two sets of principals', () => {
    expect(compareSets(new Set(['a', 'b', 'c']), new Set(['b', 'c', 'd', 'e']))).toEqual({ both: 2, pmapperOnly: 1, crownpathOnly: 2, pmapperOnlySample: ['a'], crownpathOnlySample: ['d', 'e'] })
  })
})

describe('bench/pmapper: a PMapper that fails', () => {
  it('still times crownpath, leaves the ratio null with the reason, and never throws', async () => {
    const result = await compareWithPmapper({ scale: 'S', seed: 1, python: '/nonexistent/crownpath-bench/python' })
    expect(result.pmapperVersion).toBeNull()
    expect(result.accounts).toHaveLength(1)
    const [account] = result.accounts
    expect(account!.principals).toBe(200)
    expect(account!.crownpathMs).toBeGreaterThan(0)
    expect(account!.crownpath.admins).toBeGreaterThan(0)
    expect(account!.ratio).toBeNull()
    expect(account!.agreement).toBeNull()
    expect(account!.note).toMatch(/failed/)
    const [line] = formatPmapperLines(result)
    expect(line).toMatch(/^PMapper: graph create — ms vs crownpath load \+ action catalogue \+ derive \d+ ms on account \d{12} of S \(200 principals, \d+ policies\) → ratio — \(.*failed/)
  }, 60_000)

  it('prints one line per account with the time, the ratio, who reaches admin and the calls', () => {
    const ok = { account: '300000009999', principals: 200, policies: 1136, pmapperMs: 13337, pmapperStartupMs: 493, pmapperQueryMs: 522, crownpathMs: 1126, crownpathPhases: { loadMs: 58, catalogueMs: 613, deriveMs: 456 }, crownpathPrivescMs: 23, ratio: 11.84, pmapperGraph: { nodes: 200, edges: 239, edgesByService: {} }, crownpathGraph: { nodes: 293, edges: 839 }, pmapper: { admins: 4, privesc: 4 }, crownpath: { admins: 3, privesc: 5 }, agreement: { reachAdmin: compareSets(new Set(['a']), new Set(['a'])), admins: compareSets(new Set(), new Set()), privesc: compareSets(new Set(), new Set()) }, calls: summariseCalls([], ''), note: '' }
    const lines = formatPmapperLines({ scale: 'M', seed: 1, pmapperVersion: '1.1.5', botocoreVersion: '1.44.8', python: '3.11.7', pmapperArgs: [], accounts: [ok, { ...ok, pmapperMs: null, ratio: null, ratioAtLeast: 1598.5, pmapper: null, agreement: null, calls: null, note: 'stopped' }], note: '' })
    expect(lines).toEqual([
      'PMapper 1.1.5 (botocore 1.44.8): graph create 13337 ms (493 ms of it interpreter start) vs crownpath load + action catalogue + derive 1126 ms on account 300000009999 of M (200 principals, 1136 policies) → ratio 11.84; reach admin: PMapper 4 admins + 4 privesc, crownpath 3 + 5, in both 1, PMapper only 0, crownpath only 0; 0 calls to the loopback fake, 0 refused off loopback',
      'PMapper 1.1.5 (botocore 1.44.8): graph create — ms vs crownpath load + action catalogue + derive 1126 ms on account 300000009999 of M (200 principals, 1136 policies) → ratio ≥ 1598.5 (stopped)',
    ])
  })
})
