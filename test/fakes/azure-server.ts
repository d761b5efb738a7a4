/**
 * @module test/fakes/azure-server
 * A fake Entra token endpoint + Microsoft Graph + Azure Resource Manager on
 * 127.0.0.1 (random port) for the live-collection tests. HTTPS with a
 * self-signed certificate made by the `openssl` CLI at test time, because
 * MSAL refuses a non-https authority (msal-common UrlString.validateAsUri).
 * Serves one small tenant with a paged list, one 429 and one 403.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Ids of the fake tenant, for assertions. */
export const FAKE = {
  tenantId: 'bbbbbbbb-0000-4000-8000-000000000002',
  clientId: 'c11e0000-0000-4000-8000-000000000001',
  clientSecret: 'fake-client-secret-for-tests',
  users: ['0e000000-0000-4000-8000-000000000001', '0e000000-0000-4000-8000-000000000002', '0e000000-0000-4000-8000-000000000003'],
  groupId: '60000000-0000-4000-8000-0000000000a1',
  appObjectId: 'a0000000-0000-4000-8000-0000000000b1',
  appId: 'c1000000-0000-4000-8000-0000000000b2',
  spApp: '50000000-0000-4000-8000-0000000000c1',
  spGraph: '50000000-0000-4000-8000-0000000000c2',
  spVmMi: '50000000-0000-4000-8000-0000000000c3',
  subscription: '22222222-3333-4444-8555-666666666666',
  mgRoot: '/providers/Microsoft.Management/managementGroups/bbbbbbbb-0000-4000-8000-000000000002',
  vmId: '/subscriptions/22222222-3333-4444-8555-666666666666/resourceGroups/RG-App/providers/Microsoft.Compute/virtualMachines/vm-app',
  kvId: '/subscriptions/22222222-3333-4444-8555-666666666666/resourceGroups/RG-App/providers/Microsoft.KeyVault/vaults/kv-app',
  graphAppId: '00000003-0000-0000-c000-000000000000',
  roleManagementReadWrite: '9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8',
  globalAdmin: '62e90394-69f5-4237-9190-012177145e10',
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  vmContributor: '9980e02c-c2be-4d73-94e8-173b1dc7cf3c',
} as const

/** A running fake. */
export interface FakeAzure {
  /** `https://127.0.0.1:<port>`. */
  readonly url: string
  /** PEM of the self-signed certificate (trust it with an https.Agent `ca`). */
  readonly ca: string
  /** Every request seen: method and path (with query). */
  readonly requests: { method: string; path: string }[]
  /** Access tokens issued. */
  readonly issuedTokens: string[]
  close(): Promise<void>
}

/** Make a self-signed certificate for 127.0.0.1 with the openssl CLI; null when openssl is missing. */
export function makeSelfSignedCert(): { key: string; cert: string } | null {
  const dir = mkdtempSync(join(tmpdir(), 'crownpath-fake-azure-'))
  try {
    execFileSync(
      'openssl',
      [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1',
        '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    )
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') }
  } catch {
    return null
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const SUB = `/subscriptions/${FAKE.subscription}`
const RG = `${SUB}/resourceGroups/RG-App`
const roleDef = (guid: string) => `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`
const MG_OWNER_ASSIGNMENT = {
  id: `${FAKE.mgRoot}/providers/Microsoft.Authorization/roleAssignments/ab000000-0000-4000-8000-000000000001`,
  name: 'ab000000-0000-4000-8000-000000000001',
  type: 'Microsoft.Authorization/roleAssignments',
  properties: { principalId: FAKE.users[0], principalType: 'User', roleDefinitionId: roleDef(FAKE.owner), scope: FAKE.mgRoot, condition: null },
}
const VM_ASSIGNMENT = {
  id: `${FAKE.vmId}/providers/Microsoft.Authorization/roleAssignments/ab000000-0000-4000-8000-000000000002`,
  name: 'ab000000-0000-4000-8000-000000000002',
  type: 'Microsoft.Authorization/roleAssignments',
  properties: { principalId: FAKE.users[2], principalType: 'User', roleDefinitionId: roleDef(FAKE.vmContributor), scope: FAKE.vmId, condition: null },
}

/** Start the fake on 127.0.0.1 with the given TLS key pair. */
export async function startFakeAzure(tls: { key: string; cert: string }): Promise<FakeAzure> {
  const requests: { method: string; path: string }[] = []
  const issuedTokens: string[] = []
  let throttled = false
  let base = ''

  const users = FAKE.users.map((id, i) => ({
    id,
    userPrincipalName: `user${i + 1}@fake.example`,
    displayName: `User ${i + 1}`,
    accountEnabled: true,
    userType: 'Member',
  }))

  // Paths are matched without the query string; `$skiptoken` picks the page.
  const graph: Record<string, (query: URLSearchParams) => unknown> = {
    '/v1.0/organization': () => ({ value: [{ id: FAKE.tenantId, displayName: 'Fake Tenant', verifiedDomains: [{ name: 'fake.example', isDefault: true }] }] }),
    '/v1.0/users': (q) =>
      q.get('$skiptoken') === 'page2'
        ? { value: users.slice(2) }
        : { value: users.slice(0, 2), '@odata.nextLink': `${base}/graph/v1.0/users?$skiptoken=page2` },
    '/v1.0/groups': () => ({ value: [{ id: FAKE.groupId, displayName: 'App Operators', isAssignableToRole: false, securityEnabled: true, membershipRule: null }] }),
    [`/v1.0/groups/${FAKE.groupId}/members`]: () => ({
      value: [
        { '@odata.type': '#microsoft.graph.user', id: FAKE.users[1] },
        { '@odata.type': '#microsoft.graph.servicePrincipal', id: FAKE.spApp },
      ],
    }),
    [`/v1.0/groups/${FAKE.groupId}/owners`]: () => ({ value: [{ '@odata.type': '#microsoft.graph.user', id: FAKE.users[0] }] }),
    '/v1.0/applications': () => ({
      value: [
        {
          id: FAKE.appObjectId,
          appId: FAKE.appId,
          displayName: 'app-deployer',
          passwordCredentials: [{ keyId: '5ec00000-0000-4000-8000-0000000000d1', displayName: 'pipeline', hint: 'abc', startDateTime: '2026-01-01T00:00:00Z', endDateTime: '2027-01-01T00:00:00Z', secretText: null }],
          keyCredentials: [],
        },
      ],
    }),
    [`/v1.0/applications/${FAKE.appObjectId}/owners`]: () => ({ value: [{ '@odata.type': '#microsoft.graph.user', id: FAKE.users[1] }] }),
    [`/v1.0/applications/${FAKE.appObjectId}/federatedIdentityCredentials`]: () => ({
      value: [
        { id: 'f1c00000-0000-4000-8000-0000000000e1', name: 'gh-pr', issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:fake/app:pull_request', audiences: ['api://AzureADTokenExchange'] },
        // A flexible credential as Graph returns it: subject null, claimsMatchingExpression set.
        {
          id: 'f1c00000-0000-4000-8000-0000000000e2',
          name: 'gh-org',
          issuer: 'https://token.actions.githubusercontent.com',
          subject: null,
          audiences: ['api://AzureADTokenExchange'],
          claimsMatchingExpression: { value: "claims['sub'] matches 'repo:fake/*:ref:refs/heads/main'", languageVersion: 1 },
        },
      ],
    }),
    '/v1.0/servicePrincipals': () => ({
      value: [
        { id: FAKE.spApp, appId: FAKE.appId, displayName: 'app-deployer', servicePrincipalType: 'Application', appOwnerOrganizationId: FAKE.tenantId, alternativeNames: [], appRoles: [] },
        {
          id: FAKE.spGraph,
          appId: FAKE.graphAppId,
          displayName: 'Microsoft Graph',
          servicePrincipalType: 'Application',
          appOwnerOrganizationId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
          appRoles: [{ id: FAKE.roleManagementReadWrite, value: 'RoleManagement.ReadWrite.Directory' }],
        },
        { id: FAKE.spVmMi, appId: 'c1000000-0000-4000-8000-0000000000c4', displayName: 'vm-app', servicePrincipalType: 'ManagedIdentity', alternativeNames: ['isExplicit=False', FAKE.vmId], appRoles: [] },
      ],
    }),
    [`/v1.0/servicePrincipals/${FAKE.spApp}/owners`]: () => ({ value: [] }),
    [`/v1.0/servicePrincipals/${FAKE.spGraph}/owners`]: () => ({ value: [] }),
    [`/v1.0/servicePrincipals/${FAKE.spApp}/appRoleAssignments`]: () => ({
      value: [{ id: 'ARA-Id-Mixed-Case-1', appRoleId: FAKE.roleManagementReadWrite, principalId: FAKE.spApp, principalType: 'ServicePrincipal', resourceId: FAKE.spGraph }],
    }),
    [`/v1.0/servicePrincipals/${FAKE.spGraph}/appRoleAssignments`]: () => ({ value: [] }),
    [`/v1.0/servicePrincipals/${FAKE.spVmMi}/appRoleAssignments`]: () => ({ value: [] }),
    '/v1.0/roleManagement/directory/roleDefinitions': () => ({
      value: [{ id: FAKE.globalAdmin, templateId: FAKE.globalAdmin, displayName: 'Global Administrator', isBuiltIn: true, rolePermissions: [{ allowedResourceActions: ['microsoft.directory/users/password/update'] }] }],
    }),
    '/v1.0/roleManagement/directory/roleAssignments': () => ({
      value: [{ id: 'RoleAssignment-GA-1', roleDefinitionId: FAKE.globalAdmin, principalId: FAKE.users[0], directoryScopeId: '/' }],
    }),
  }

  const arm: Record<string, (query: URLSearchParams) => unknown> = {
    '/providers/Microsoft.Management/managementGroups': () => ({
      value: [{ id: FAKE.mgRoot, name: FAKE.tenantId, type: 'Microsoft.Management/managementGroups', properties: { displayName: 'Tenant Root Group', tenantId: FAKE.tenantId } }],
    }),
    [`${FAKE.mgRoot}/descendants`]: () => ({ value: [{ id: SUB, name: FAKE.subscription, type: '/subscriptions', properties: { parent: { id: FAKE.mgRoot } } }] }),
    [`${FAKE.mgRoot}/providers/Microsoft.Authorization/roleAssignments`]: () => ({ value: [MG_OWNER_ASSIGNMENT] }),
    '/subscriptions': () => ({ value: [{ id: SUB, subscriptionId: FAKE.subscription, displayName: 'app-prod', tenantId: FAKE.tenantId, state: 'Enabled' }] }),
    [`${SUB}/providers/Microsoft.Authorization/roleDefinitions`]: () => ({
      value: [{ id: roleDef(FAKE.owner), name: FAKE.owner, type: 'Microsoft.Authorization/roleDefinitions', properties: { roleName: 'Owner', type: 'BuiltInRole', permissions: [{ actions: ['*'], notActions: [] }], assignableScopes: ['/'] } }],
    }),
    // Paged with ARM's `nextLink`; page 1 repeats the MG-level (inherited) assignment.
    [`${SUB}/providers/Microsoft.Authorization/roleAssignments`]: (q) =>
      q.get('$skiptoken') === 'p2'
        ? { value: [VM_ASSIGNMENT] }
        : { value: [MG_OWNER_ASSIGNMENT], nextLink: `${base}/arm${SUB}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$skiptoken=p2` },
    [`${SUB}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances`]: () => ({
      value: [
        {
          id: `${RG}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/e1`,
          properties: { principalId: FAKE.users[1], principalType: 'User', roleDefinitionId: roleDef(FAKE.owner), scope: RG },
        },
      ],
    }),
    // A system deny assignment (as a managed application or Blueprint lock writes one).
    [`${SUB}/providers/Microsoft.Authorization/denyAssignments`]: () => ({
      value: [
        {
          id: `${RG}/providers/Microsoft.Authorization/denyAssignments/d1`,
          name: 'd1',
          properties: {
            denyAssignmentName: 'locked by managed app',
            scope: RG,
            permissions: [{ actions: ['*'], notActions: ['*/read'], dataActions: [], notDataActions: [] }],
            principals: [{ id: '00000000-0000-0000-0000-000000000000', type: 'SystemDefined' }],
            excludePrincipals: [{ id: FAKE.users[0], type: 'User' }],
            doNotApplyToChildScopes: false,
            isSystemProtected: true,
          },
        },
      ],
    }),
    [`${SUB}/resourcegroups`]: () => ({ value: [{ id: RG, name: 'RG-App', location: 'westeurope', tags: { env: 'prod' } }] }),
    [`${SUB}/providers/Microsoft.KeyVault/vaults`]: () => ({
      value: [{ id: FAKE.kvId, name: 'kv-app', properties: { enableRbacAuthorization: true, accessPolicies: [] } }],
    }),
    [`${SUB}/providers/Microsoft.Compute/virtualMachines`]: () => ({
      value: [{ id: FAKE.vmId, name: 'vm-app', identity: { type: 'SystemAssigned', principalId: FAKE.spVmMi, tenantId: FAKE.tenantId }, properties: { storageProfile: { osDisk: { osType: 'Windows' } } } }],
    }),
  }

  const send = (res: import('node:http').ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }

  const server = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const url = new URL(req.url ?? '/', base)
    requests.push({ method: req.method ?? 'GET', path: `${url.pathname}${url.search}` })
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const path = url.pathname
      // Entra: OpenID metadata and the token endpoint (client credentials).
      const tenant = FAKE.tenantId
      if (path === `/${tenant}/v2.0/.well-known/openid-configuration`) {
        return send(res, 200, {
          token_endpoint: `${base}/${tenant}/oauth2/v2.0/token`,
          authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/authorize`,
          issuer: `${base}/${tenant}/v2.0`,
          jwks_uri: `${base}/${tenant}/discovery/v2.0/keys`,
          end_session_endpoint: `${base}/${tenant}/oauth2/v2.0/logout`,
          response_types_supported: ['code', 'id_token', 'token'],
          subject_types_supported: ['pairwise'],
          id_token_signing_alg_values_supported: ['RS256'],
        })
      }
      if (path === `/${tenant}/oauth2/v2.0/token` && req.method === 'POST') {
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
        if (form.get('client_id') !== FAKE.clientId || form.get('client_secret') !== FAKE.clientSecret) {
          return send(res, 401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' })
        }
        const token = `fake-access-token-${issuedTokens.length + 1}`
        issuedTokens.push(token)
        return send(res, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token })
      }
      const auth = req.headers.authorization ?? ''
      if (!issuedTokens.some((t) => auth === `Bearer ${t}`)) return send(res, 401, { error: { code: 'InvalidAuthenticationToken', message: 'no valid bearer token' } })

      if (path.startsWith('/graph/')) {
        const p = path.slice('/graph'.length)
        // PIM eligibility needs RoleEligibilitySchedule.Read.Directory, which the fake collector lacks.
        if (p === '/v1.0/roleManagement/directory/roleEligibilitySchedules') {
          return send(res, 403, { error: { code: 'AccessDenied', message: 'Request Authorization failed' } })
        }
        const handler = graph[p]
        if (handler) return send(res, 200, handler(url.searchParams))
        // Managed identities have no owners endpoint worth calling; anything else is a test bug.
        return send(res, 404, { error: { code: 'Request_ResourceNotFound', message: `no fake for ${p}` } })
      }
      if (path.startsWith('/arm/')) {
        const p = path.slice('/arm'.length)
        if (p === `${SUB}/providers/Microsoft.KeyVault/vaults` && !throttled) {
          throttled = true
          return send(res, 429, { error: { code: 'TooManyRequests', message: 'throttled' } }, { 'retry-after': '1' })
        }
        const handler = arm[p]
        if (handler) return send(res, 200, handler(url.searchParams))
        return send(res, 404, { error: { code: 'ResourceNotFound', message: `no fake for ${p}` } })
      }
      send(res, 404, { error: 'not_found' })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: base,
    ca: tls.cert,
    requests,
    issuedTokens,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
