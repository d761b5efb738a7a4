/**
 * @module loaders/azure/live
 * Live collection from Microsoft Graph and Azure Resource Manager with
 * @azure/identity credentials: paging (`@odata.nextLink`, `nextLink`),
 * throttling (429/503 + Retry-After, bounded retries), per-API access denials
 * recorded as DataIssues without aborting, bounded concurrency and progress
 * callbacks. Results go through the same transforms as the file loaders.
 * Tokens are held in memory only and never logged.
 */
import http from 'node:http'
import https from 'node:https'
import type { TokenCredential } from '@azure/identity'
import { ClientSecretCredential, DefaultAzureCredential, WorkloadIdentityCredential } from '@azure/identity'
import type { DataIssue, InventoryPart } from '../../src/model/index.js'
import { AZURE_RESOURCE_TYPES, CrownpathError, azureArmId, checkShape } from '../../src/model/index.js'
import { mapWithConcurrency } from '../shared/index.js'
import { GRAPH_SCHEMAS, ResourceSchema } from './schema.js'
import type { ArmResourceInput } from './transform/arm.js'
import { normaliseScope, stringTags, toRoleAssignment, toRoleDefinition } from './transform/arm.js'
import { roleAssignmentInput, roleDefinitionInput } from './transform/az-cli.js'
import { AzureCollector } from './transform/collect.js'
import type {
  AppInput,
  DirectoryRoleDefinitionInput,
  GroupInput,
  FederatedCredentialInput,
  ServicePrincipalInput,
  UserInput,
} from './transform/entra.js'
import {
  directoryObjectIds,
  normaliseDirectoryScope,
  toApp,
  toDirectoryRoleDefinition,
  toFederatedCredential,
  toGroup,
  toServicePrincipal,
  toUser,
} from './transform/entra.js'

/** How to authenticate when no `credential` is passed. */
export type AzureLiveAuth =
  | { readonly kind: 'default'; readonly managedIdentityClientId?: string }
  | { readonly kind: 'client-secret'; readonly clientId: string; readonly clientSecret: string }
  | { readonly kind: 'workload-identity'; readonly clientId?: string; readonly tokenFilePath?: string }

/** One progress report: an API call finished (or was skipped). */
export interface AzureLiveProgress {
  /** Short API name, e.g. `graph:users`, `arm:roleAssignments`. */
  readonly api: string
  readonly items: number
  readonly status: 'ok' | 'denied' | 'failed'
}

/** Options of {@link collectAzureLive}. */
export interface AzureLiveOptions {
  readonly tenantId: string
  /** Use this credential as is (takes precedence over `auth`). */
  readonly credential?: TokenCredential
  readonly auth?: AzureLiveAuth
  /** Default `https://graph.microsoft.com`. */
  readonly graphBaseUrl?: string
  /** Default `https://management.azure.com`. */
  readonly armBaseUrl?: string
  /** Entra authority, default the public cloud's (`https://login.microsoftonline.com`). */
  readonly authorityHost?: string
  /** Skip MSAL instance discovery (needed for private/fake authorities). */
  readonly disableInstanceDiscovery?: boolean
  /** Token scopes (default the public cloud's Graph and ARM `/.default`). */
  readonly graphScope?: string
  readonly armScope?: string
  /** Concurrent per-object requests (default 4). */
  readonly concurrency?: number
  /** Retries of a throttled or 5xx request (default 4). */
  readonly maxRetries?: number
  /** Longest wait honoured from Retry-After, in ms (default 60 000). */
  readonly maxRetryDelayMs?: number
  /** HTTPS agent, e.g. with an extra CA (TLS-inspecting proxy, tests); also given to the credential. */
  readonly agent?: https.Agent
  readonly onProgress?: (progress: AzureLiveProgress) => void
  /** Waits between retries (injectable for tests). */
  readonly sleep?: (ms: number) => Promise<void>
  /** Which halves to collect (default both). */
  readonly collect?: { readonly graph?: boolean; readonly arm?: boolean }
}

const DEFAULTS = {
  graphBaseUrl: 'https://graph.microsoft.com',
  armBaseUrl: 'https://management.azure.com',
  graphScope: 'https://graph.microsoft.com/.default',
  armScope: 'https://management.azure.com/.default',
  concurrency: 4,
  maxRetries: 4,
  maxRetryDelayMs: 60_000,
}

/** ARM api-versions used (stable versions listed in the ARM REST reference). */
const API_VERSIONS = {
  managementGroups: '2021-04-01',
  subscriptions: '2022-12-01',
  resourceGroups: '2021-04-01',
  authorization: '2022-04-01',
  eligibility: '2020-10-01',
  keyVault: '2023-07-01',
  compute: '2024-07-01',
}

/** A failed API call, kept as data: the caller turns it into a DataIssue. */
class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`${status} ${code}`)
  }
}

/** Build the credential chosen by the options. */
function credentialFor(options: AzureLiveOptions): TokenCredential {
  if (options.credential) return options.credential
  const common = {
    ...(options.authorityHost ? { authorityHost: options.authorityHost } : {}),
    ...(options.disableInstanceDiscovery ? { disableInstanceDiscovery: true } : {}),
    ...(options.agent ? { agent: options.agent } : {}),
  }
  const auth = options.auth ?? { kind: 'default' }
  switch (auth.kind) {
    case 'client-secret':
      return new ClientSecretCredential(options.tenantId, auth.clientId, auth.clientSecret, common)
    case 'workload-identity':
      return new WorkloadIdentityCredential({
        ...common,
        tenantId: options.tenantId,
        ...(auth.clientId ? { clientId: auth.clientId } : {}),
        ...(auth.tokenFilePath ? { tokenFilePath: auth.tokenFilePath } : {}),
      })
    case 'default':
      return new DefaultAzureCredential({
        ...common,
        tenantId: options.tenantId,
        ...(auth.managedIdentityClientId ? { managedIdentityClientId: auth.managedIdentityClientId } : {}),
      })
  }
}

/** Retry-After in ms: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfterMs(header: string | undefined, attempt: number): number {
  if (header !== undefined) {
    const seconds = Number(header)
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
    const date = Date.parse(header)
    if (!Number.isNaN(date)) return Math.max(0, date - Date.now())
  }
  // No header: exponential backoff from 1 s.
  return 1000 * 2 ** attempt
}

/** The HTTP side: tokens, GET with retries, paging. */
class AzureApi {
  private readonly tokens = new Map<string, { token: string; expiresAt: number }>()
  readonly issues: DataIssue[] = []

  constructor(
    private readonly credential: TokenCredential,
    private readonly options: AzureLiveOptions,
  ) {}

  private async token(scope: string): Promise<string> {
    const cached = this.tokens.get(scope)
    if (cached && cached.expiresAt - 60_000 > Date.now()) return cached.token
    let result
    try {
      result = await this.credential.getToken(scope)
    } catch (err) {
      // The identity library's messages carry no secret; keep only the first line.
      const reason = String((err as Error).message ?? err).split('\n')[0] ?? 'unknown error'
      throw new CrownpathError('CP_ERR_LIVE_AUTH', { provider: 'azure', reason }, { cause: err })
    }
    if (!result) throw new CrownpathError('CP_ERR_LIVE_AUTH', { provider: 'azure', reason: `no token for scope \`${scope}\`` })
    this.tokens.set(scope, { token: result.token, expiresAt: result.expiresOnTimestamp })
    return result.token
  }

  /** One GET returning status, headers and parsed JSON. */
  private request(url: string, token: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: unknown }> {
    return new Promise((resolve, reject) => {
      const u = new URL(url)
      const isHttps = u.protocol === 'https:'
      const req = (isHttps ? https : http).request(
        u,
        {
          method: 'GET',
          headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'user-agent': 'crownpath' },
          ...(isHttps && this.options.agent ? { agent: this.options.agent } : {}),
          timeout: 60_000,
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8')
            let body: unknown = null
            try {
              body = text === '' ? null : JSON.parse(text)
            } catch {
              body = null
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body })
          })
          res.on('error', reject)
        },
      )
      req.on('timeout', () => req.destroy(new Error('request timed out')))
      req.on('error', reject)
      req.end()
    })
  }

  /** GET with throttling and 5xx retries; throws ApiFailure for other failures. */
  async get(url: string, scope: string): Promise<unknown> {
    const maxRetries = this.options.maxRetries ?? DEFAULTS.maxRetries
    const maxDelay = this.options.maxRetryDelayMs ?? DEFAULTS.maxRetryDelayMs
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
    for (let attempt = 0; ; attempt++) {
      let res
      try {
        res = await this.request(url, await this.token(scope))
      } catch (err) {
        if (err instanceof CrownpathError) throw err
        if (attempt < maxRetries) {
          await sleep(Math.min(maxDelay, 1000 * 2 ** attempt))
          continue
        }
        throw new ApiFailure(0, (err as Error).message)
      }
      if (res.status >= 200 && res.status < 300) return res.body
      // Throttling: https://learn.microsoft.com/graph/throttling and
      // https://learn.microsoft.com/azure/azure-resource-manager/management/request-limits-and-throttling
      const isRetryable = res.status === 429 || res.status === 503 || res.status === 502 || res.status === 504
      if (isRetryable && attempt < maxRetries) {
        const header = res.headers['retry-after']
        await sleep(Math.min(maxDelay, retryAfterMs(Array.isArray(header) ? header[0] : header, attempt)))
        continue
      }
      const error = (res.body as { error?: { code?: unknown } } | null)?.error
      throw new ApiFailure(res.status, typeof error?.code === 'string' ? error.code : `HTTP ${res.status}`)
    }
  }

  /**
   * All items of a paged list (`value` + `@odata.nextLink` / `nextLink`). A
   * next link to another origin is not followed: the bearer token must not leave
   * the API it was issued for.
   */
  async list(url: string, scope: string): Promise<unknown[]> {
    const origin = new URL(url).origin
    const items: unknown[] = []
    let next: string | null = url
    let pages = 0
    while (next) {
      const body = (await this.get(next, scope)) as { value?: unknown; '@odata.nextLink'?: unknown; nextLink?: unknown } | null
      if (Array.isArray(body?.value)) items.push(...body.value)
      const link = body?.['@odata.nextLink'] ?? body?.nextLink
      next = typeof link === 'string' && link !== '' ? link : null
      if (next && new URL(next).origin !== origin) throw new ApiFailure(0, `next link to another origin \`${new URL(next).origin}\``)
      if (++pages > 10_000) throw new ApiFailure(0, 'more than 10000 pages')
    }
    return items
  }

  /**
   * A list whose failure is recorded, not thrown: 403 (AccessDenied,
   * Authorization_RequestDenied, AuthorizationFailed) and other API errors
   * become a DataIssue and an empty result, so one missing permission does
   * not abort the collection.
   */
  async safeList(api: string, url: string, scope: string): Promise<unknown[]> {
    try {
      const items = await this.list(url, scope)
      this.options.onProgress?.({ api, items: items.length, status: 'ok' })
      return items
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err
      const isDenied = err.status === 401 || err.status === 403
      this.issues.push({
        severity: isDenied ? 'warning' : 'error',
        where: `live:azure ${api}`,
        message: isDenied
          ? `access denied (${err.code}): not collected; grant the collector read access to this API`
          : `collection failed (${err.code}): not collected`,
      })
      this.options.onProgress?.({ api, items: 0, status: isDenied ? 'denied' : 'failed' })
      return []
    }
  }
}

/** Check one API object; a malformed one becomes a DataIssue and is skipped. */
function checked<T>(api: string, schema: Parameters<typeof checkShape>[0], items: readonly unknown[], issues: DataIssue[]): T[] {
  const out: T[] = []
  items.forEach((item, i) => {
    try {
      out.push(checkShape<T>(schema, item, `live:azure ${api}`, `$.value[${i}]`))
    } catch (err) {
      if (!(err instanceof CrownpathError)) throw err
      issues.push({ severity: 'warning', where: `live:azure ${api}`, message: `${err.message}: object skipped` })
    }
  })
  return out
}

/**
 * Collect an Entra tenant and the Azure subscriptions the credential can see.
 * Throws CP_ERR_LIVE_AUTH when no token can be obtained; per-API failures
 * become DataIssues in the returned part.
 */
export async function collectAzureLive(options: AzureLiveOptions): Promise<InventoryPart> {
  const tenantId = options.tenantId.toLowerCase()
  const api = new AzureApi(credentialFor(options), options)
  const c = new AzureCollector()
  const issues = api.issues
  const limit = options.concurrency ?? DEFAULTS.concurrency
  const graph = `${(options.graphBaseUrl ?? DEFAULTS.graphBaseUrl).replace(/\/+$/, '')}/v1.0`
  const arm = (options.armBaseUrl ?? DEFAULTS.armBaseUrl).replace(/\/+$/, '')
  const gScope = options.graphScope ?? DEFAULTS.graphScope
  const aScope = options.armScope ?? DEFAULTS.armScope
  const g = (name: string, path: string) => api.safeList(`graph:${name}`, `${graph}${path}`, gScope)
  const a = (name: string, path: string) => api.safeList(`arm:${name}`, `${arm}${path}`, aScope)

  c.addTenant({ id: tenantId, displayName: null, primaryDomain: null })
  if (options.collect?.graph !== false) await collectGraph(c, g, limit, tenantId, issues)
  if (options.collect?.arm !== false) await collectArm(c, a, limit, tenantId, issues)

  const { azure, issues: finishIssues } = c.finish(`live:azure:${tenantId}`)
  return {
    sources: [{ loader: 'azure-live', location: `live:azure:${tenantId}`, sha256: null, collectedAt: new Date().toISOString() }],
    azure,
    issues: [...issues, ...finishIssues],
  }
}

type Lister = (name: string, path: string) => Promise<unknown[]>

/** Microsoft Graph: users, groups (+members, owners), apps (+owners, FICs), SPs (+owners, app roles), directory roles. */
async function collectGraph(c: AzureCollector, g: Lister, limit: number, tenantId: string, issues: DataIssue[]): Promise<void> {
  const org = (await g('organization', '/organization?$select=id,displayName,verifiedDomains')) as {
    id?: string
    displayName?: string
    verifiedDomains?: { name?: string; isDefault?: boolean }[]
  }[]
  const me = org.find((o) => typeof o.id === 'string' && o.id.toLowerCase() === tenantId)
  if (me) {
    c.addTenant({
      id: tenantId,
      displayName: me.displayName ?? null,
      primaryDomain: me.verifiedDomains?.find((d) => d.isDefault)?.name ?? null,
    })
  }

  const users = checked<UserInput>(
    'graph:users',
    GRAPH_SCHEMAS.user,
    await g('users', '/users?$select=id,userPrincipalName,displayName,accountEnabled,userType,onPremisesSyncEnabled,onPremisesSecurityIdentifier,lastPasswordChangeDateTime&$top=999'),
    issues,
  )
  for (const u of users) c.addUser(toUser(u, tenantId))

  const groups = checked<GroupInput>(
    'graph:groups',
    GRAPH_SCHEMAS.group,
    await g('groups', '/groups?$select=id,displayName,isAssignableToRole,securityEnabled,membershipRule&$top=999'),
    issues,
  )
  for (const x of groups) c.addGroup(toGroup(x, tenantId))
  const members = (items: unknown[], api: string) =>
    directoryObjectIds(checked<{ id: string; '@odata.type'?: string | null }>(api, GRAPH_SCHEMAS.directoryObject, items, issues)).ids
  await mapWithConcurrency(groups, limit, async (x) => {
    c.addGroupMembers(x.id.toLowerCase(), members(await g('groupMembers', `/groups/${x.id}/members?$select=id&$top=999`), 'graph:groupMembers'))
    c.addGroupOwners(x.id.toLowerCase(), members(await g('groupOwners', `/groups/${x.id}/owners?$select=id`), 'graph:groupOwners'))
  })

  const apps = checked<AppInput>(
    'graph:applications',
    GRAPH_SCHEMAS.application,
    await g('applications', '/applications?$select=id,appId,displayName,passwordCredentials,keyCredentials&$top=999'),
    issues,
  )
  for (const x of apps) c.addApp(toApp(x, tenantId))
  await mapWithConcurrency(apps, limit, async (x) => {
    c.addAppOwners(x.id.toLowerCase(), members(await g('applicationOwners', `/applications/${x.id}/owners?$select=id`), 'graph:applicationOwners'))
    const fics = checked<FederatedCredentialInput>(
      'graph:federatedIdentityCredentials',
      GRAPH_SCHEMAS.federatedIdentityCredential,
      await g('federatedIdentityCredentials', `/applications/${x.id}/federatedIdentityCredentials`),
      issues,
    )
    c.addAppFederatedCredentials(
      x.id.toLowerCase(),
      fics.map((fic) => toFederatedCredential(fic, (path, message) => c.warn(`live:azure graph:federatedIdentityCredentials /applications/${x.id}/federatedIdentityCredentials/${fic.id}${path}`, message))),
    )
  })

  const sps = checked<ServicePrincipalInput>(
    'graph:servicePrincipals',
    GRAPH_SCHEMAS.servicePrincipal,
    await g(
      'servicePrincipals',
      '/servicePrincipals?$select=id,appId,displayName,servicePrincipalType,appOwnerOrganizationId,alternativeNames,appRoles,passwordCredentials,keyCredentials&$top=999',
    ),
    issues,
  )
  for (const x of sps) c.addServicePrincipal(toServicePrincipal(x, tenantId))
  await mapWithConcurrency(sps, limit, async (x) => {
    // Managed identities have no owners; skip the call.
    if (x.servicePrincipalType !== 'ManagedIdentity') {
      c.addServicePrincipalOwners(x.id.toLowerCase(), members(await g('servicePrincipalOwners', `/servicePrincipals/${x.id}/owners?$select=id`), 'graph:servicePrincipalOwners'))
    }
    const grants = checked<{ id: string; appRoleId: string; principalId: string; resourceId: string }>(
      'graph:appRoleAssignments',
      GRAPH_SCHEMAS.appRoleAssignment,
      await g('appRoleAssignments', `/servicePrincipals/${x.id}/appRoleAssignments`),
      issues,
    )
    for (const r of grants) {
      c.addAppRoleAssignment({
        id: r.id.toLowerCase(),
        principalId: r.principalId.toLowerCase(),
        resourceId: r.resourceId.toLowerCase(),
        appRoleId: r.appRoleId.toLowerCase(),
        resourceAppId: null,
      })
    }
  })

  const roleDefs = checked<DirectoryRoleDefinitionInput>(
    'graph:roleDefinitions',
    GRAPH_SCHEMAS.directoryRoleDefinition,
    await g('roleDefinitions', '/roleManagement/directory/roleDefinitions'),
    issues,
  )
  for (const d of roleDefs) c.addDirectoryRoleDefinition(toDirectoryRoleDefinition(d))
  // Assignments name the role by definition id; for built-ins that equals the template id.
  const templateOf = new Map(roleDefs.map((d) => [d.id.toLowerCase(), (d.templateId ?? d.id).toLowerCase()]))
  const addDirectoryAssignments = (items: unknown[], api: string, status: 'active' | 'eligible') => {
    const list = checked<{ id: string; roleDefinitionId: string; principalId: string; directoryScopeId?: string | null }>(
      api,
      GRAPH_SCHEMAS.directoryRoleAssignment,
      items,
      issues,
    )
    for (const r of list) {
      const roleId = r.roleDefinitionId.toLowerCase()
      c.addDirectoryRoleAssignment({
        id: r.id.toLowerCase(),
        principalId: r.principalId.toLowerCase(),
        roleDefinitionId: templateOf.get(roleId) ?? roleId,
        directoryScopeId: normaliseDirectoryScope(r.directoryScopeId),
        status,
        // Graph scopes an app-scoped assignment by the app's object id.
        scopeIsAppId: false,
      })
    }
  }
  addDirectoryAssignments(await g('roleAssignments', '/roleManagement/directory/roleAssignments'), 'graph:roleAssignments', 'active')
  // PIM: https://learn.microsoft.com/graph/api/rbacapplication-list-roleeligibilityschedules
  addDirectoryAssignments(
    await g('roleEligibilitySchedules', '/roleManagement/directory/roleEligibilitySchedules'),
    'graph:roleEligibilitySchedules',
    'eligible',
  )
}

/** ARM: management groups, subscriptions, role definitions/assignments at every scope, deny assignments, key vaults, VMs. */
async function collectArm(c: AzureCollector, a: Lister, limit: number, tenantId: string, issues: DataIssue[]): Promise<void> {
  const mgs = checked<{
    id: string
    name: string
    properties?: { displayName?: string | null; tenantId?: string | null; details?: { parent?: { id?: string | null } | null } | null } | null
  }>('arm:managementGroups', GRAPH_SCHEMAS.managementGroup, await a('managementGroups', `/providers/Microsoft.Management/managementGroups?api-version=${API_VERSIONS.managementGroups}`), issues)
  await mapWithConcurrency(mgs, limit, async (mg) => {
    const parent = mg.properties?.details?.parent?.id
    c.addManagementGroup({
      id: azureArmId(mg.id),
      name: mg.name,
      displayName: mg.properties?.displayName ?? null,
      tenantId: (mg.properties?.tenantId ?? tenantId).toLowerCase(),
      parentId: parent ? azureArmId(parent) : null,
    })
    const descendants = (await a(
      'managementGroupDescendants',
      `/providers/Microsoft.Management/managementGroups/${mg.name}/descendants?api-version=2020-05-01`,
    )) as { id?: unknown; properties?: { parent?: { id?: unknown } } }[]
    for (const d of descendants) {
      if (typeof d.id === 'string' && typeof d.properties?.parent?.id === 'string') c.addContainment(azureArmId(d.id), azureArmId(d.properties.parent.id))
    }
    const assignments = await a(
      'managementGroupRoleAssignments',
      `${mg.id}/providers/Microsoft.Authorization/roleAssignments?api-version=${API_VERSIONS.authorization}&$filter=atScope()`,
    )
    addAssignments(c, assignments, 'arm:managementGroupRoleAssignments', 'active', issues)
  })

  const subs = checked<{ id: string; subscriptionId?: string | null; displayName?: string | null; tenantId?: string | null }>(
    'arm:subscriptions',
    GRAPH_SCHEMAS.subscription,
    await a('subscriptions', `/subscriptions?api-version=${API_VERSIONS.subscriptions}`),
    issues,
  )
  await mapWithConcurrency(subs, limit, async (s) => {
    const id = azureArmId(s.id)
    const guid = (s.subscriptionId ?? id.split('/')[2] ?? '').toLowerCase()
    c.addSubscription({ id, subscriptionId: guid, displayName: s.displayName ?? null, tenantId: (s.tenantId ?? tenantId).toLowerCase(), parentId: null })
    const base = `/subscriptions/${guid}`

    const defs = await a('roleDefinitions', `${base}/providers/Microsoft.Authorization/roleDefinitions?api-version=${API_VERSIONS.authorization}`)
    defs.forEach((d, i) => {
      try {
        c.addRoleDefinition(toRoleDefinition(roleDefinitionInput(d, 'live:azure arm:roleDefinitions', `$.value[${i}]`)))
      } catch (err) {
        if (!(err instanceof CrownpathError)) throw err
        issues.push({ severity: 'warning', where: 'live:azure arm:roleDefinitions', message: `${err.message}: object skipped` })
      }
    })
    // Without a filter ARM lists every assignment in the subscription (any scope below it) and those inherited from above.
    addAssignments(c, await a('roleAssignments', `${base}/providers/Microsoft.Authorization/roleAssignments?api-version=${API_VERSIONS.authorization}`), 'arm:roleAssignments', 'active', issues)
    // ARM PIM: https://learn.microsoft.com/rest/api/authorization/role-eligibility-schedule-instances/list-for-scope
    const eligible = (await a(
      'roleEligibilityScheduleInstances',
      `${base}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?api-version=${API_VERSIONS.eligibility}`,
    )) as { id?: unknown; properties?: Record<string, unknown> }[]
    for (const e of eligible) {
      const p = e.properties ?? {}
      if (typeof e.id !== 'string' || typeof p['principalId'] !== 'string' || typeof p['roleDefinitionId'] !== 'string' || typeof p['scope'] !== 'string') continue
      c.addRoleAssignment(
        toRoleAssignment(
          { id: e.id, principalId: p['principalId'], roleDefinitionId: p['roleDefinitionId'], scope: p['scope'], principalType: typeof p['principalType'] === 'string' ? p['principalType'] : null, condition: typeof p['condition'] === 'string' ? p['condition'] : null },
          'eligible',
        ),
      )
    }
    const denies = (await a('denyAssignments', `${base}/providers/Microsoft.Authorization/denyAssignments?api-version=${API_VERSIONS.authorization}`)) as {
      id?: unknown
      properties?: {
        scope?: unknown
        permissions?: { actions?: string[]; notActions?: string[]; dataActions?: string[]; notDataActions?: string[] }[]
        principals?: { id?: string }[]
        excludePrincipals?: { id?: string }[]
        doNotApplyToChildScopes?: unknown
      }
    }[]
    for (const d of denies) {
      if (typeof d.id !== 'string' || typeof d.properties?.scope !== 'string') continue
      c.addDenyAssignment({
        id: azureArmId(d.id),
        scope: normaliseScope(d.properties.scope),
        permissions: (d.properties.permissions ?? []).map((p) => ({
          actions: p.actions ?? [],
          notActions: p.notActions ?? [],
          dataActions: p.dataActions ?? [],
          notDataActions: p.notDataActions ?? [],
        })),
        principals: (d.properties.principals ?? []).flatMap((p) => (p.id ? [p.id.toLowerCase()] : [])),
        excludePrincipals: (d.properties.excludePrincipals ?? []).flatMap((p) => (p.id ? [p.id.toLowerCase()] : [])),
        ...(d.properties.doNotApplyToChildScopes === true ? { doNotApplyToChildScopes: true } : {}),
      })
    }

    for (const rg of (await a('resourceGroups', `${base}/resourcegroups?api-version=${API_VERSIONS.resourceGroups}`)) as { id?: unknown; name?: unknown; tags?: Record<string, unknown> }[]) {
      if (typeof rg.id !== 'string') continue
      c.addResourceGroup({ id: azureArmId(rg.id), name: typeof rg.name === 'string' ? rg.name : rg.id, subscriptionId: guid, tags: stringTags(rg.tags) })
    }
    const resources: [string, string, string][] = [
      ['keyVaults', `${base}/providers/Microsoft.KeyVault/vaults?api-version=${API_VERSIONS.keyVault}`, AZURE_RESOURCE_TYPES.AZKeyVault],
      ['virtualMachines', `${base}/providers/Microsoft.Compute/virtualMachines?api-version=${API_VERSIONS.compute}`, AZURE_RESOURCE_TYPES.AZVM],
    ]
    for (const [name, path, type] of resources) {
      const items = checked<ArmResourceInput>(`arm:${name}`, ResourceSchema, await a(name, path), issues)
      // Vaults carry their access policies inline; the collector reads them with the resource.
      items.forEach((r, i) => c.addArmResource(r, type, `live:azure arm:${name} $.value[${i}]`))
    }
  })
}

/** ARM role assignments (ARM `properties` shape) → collector; malformed ones become issues. */
function addAssignments(c: AzureCollector, items: unknown[], api: string, status: 'active' | 'eligible', issues: DataIssue[]): void {
  items.forEach((item, i) => {
    try {
      c.addRoleAssignment(toRoleAssignment(roleAssignmentInput(item, `live:azure ${api}`, `$.value[${i}]`), status))
    } catch (err) {
      if (!(err instanceof CrownpathError)) throw err
      issues.push({ severity: 'warning', where: `live:azure ${api}`, message: `${err.message}: object skipped` })
    }
  })
}
