/**
 * Live collection against the fake Entra token endpoint + Graph + ARM
 * (test/fakes/azure-server.ts): ClientSecretCredential over HTTPS on
 * 127.0.0.1, Graph and ARM paging, one 429 with Retry-After, one 403.
 */
import https from 'node:https'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectAzureLive } from '../../../loaders/azure/index.js'
import type { AzureLiveOptions, AzureLiveProgress } from '../../../loaders/azure/index.js'
import type { AzureInventory, InventoryPart } from '../../../src/model/index.js'
import { CrownpathError } from '../../../src/model/index.js'
import type { FakeAzure } from '../../fakes/azure-server.js'
import { FAKE, makeSelfSignedCert, startFakeAzure } from '../../fakes/azure-server.js'

const tls = makeSelfSignedCert()
let fake: FakeAzure
let part: InventoryPart
const sleeps: number[] = []
const progress: AzureLiveProgress[] = []

function options(overrides: Partial<AzureLiveOptions> = {}): AzureLiveOptions {
  return {
    tenantId: FAKE.tenantId,
    auth: { kind: 'client-secret', clientId: FAKE.clientId, clientSecret: FAKE.clientSecret },
    authorityHost: fake.url,
    disableInstanceDiscovery: true,
    graphBaseUrl: `${fake.url}/graph`,
    armBaseUrl: `${fake.url}/arm`,
    agent: new https.Agent({ ca: fake.ca }),
    concurrency: 2,
    sleep: async (ms) => void sleeps.push(ms),
    onProgress: (p) => void progress.push(p),
    ...overrides,
  }
}

describe.skipIf(tls === null)('live collection (fake Graph + ARM + token endpoint)', () => {
  beforeAll(async () => {
    fake = await startFakeAzure(tls!)
    part = await collectAzureLive(options())
  })
  afterAll(async () => fake?.close())

  const az = () => part.azure as AzureInventory

  it('authenticates with ClientSecretCredential against the fake authority', () => {
    expect(fake.requests.some((r) => r.method === 'POST' && r.path.startsWith(`/${FAKE.tenantId}/oauth2/v2.0/token`))).toBe(true)
    // One token per scope (Graph, ARM), reused across calls.
    expect(fake.issuedTokens).toHaveLength(2)
  })

  it('follows @odata.nextLink (Graph) and nextLink (ARM)', () => {
    expect(az().users.map((u) => u.id)).toEqual([...FAKE.users])
    expect(fake.requests.filter((r) => r.path.startsWith('/graph/v1.0/users')).map((r) => r.path)).toEqual([
      expect.stringMatching(/^\/graph\/v1\.0\/users\?\$select=/),
      '/graph/v1.0/users?$skiptoken=page2',
    ])
    // page 2 of the subscription's role assignments holds the VM-scoped one
    expect(az().roleAssignments.map((r) => r.roleDefinitionId).sort()).toEqual([FAKE.owner, FAKE.owner, FAKE.vmContributor].sort())
  })

  it('honours Retry-After on a 429 and retries', () => {
    expect(sleeps).toEqual([1000])
    const vaultCalls = fake.requests.filter((r) => r.path.includes('/Microsoft.KeyVault/vaults'))
    expect(vaultCalls).toHaveLength(2)
    expect(az().resources.find((r) => r.id === FAKE.kvId.toLowerCase())?.properties['enableRbacAuthorization']).toBe(true)
  })

  it('records a 403 as a DataIssue and carries on', () => {
    expect(part.issues).toEqual([
      { severity: 'warning', where: 'live:azure graph:roleEligibilitySchedules', message: expect.stringContaining('access denied (AccessDenied)') },
    ])
    expect(progress).toContainEqual({ api: 'graph:roleEligibilitySchedules', items: 0, status: 'denied' })
    // everything after the denied call was still collected
    expect(az().subscriptions).toHaveLength(1)
  })

  it('collects Entra objects, owners, FICs, app roles and directory roles', () => {
    const a = az()
    expect(a.tenants).toEqual([{ id: FAKE.tenantId, displayName: 'Fake Tenant', primaryDomain: 'fake.example' }])
    expect(a.groups[0]).toMatchObject({ id: FAKE.groupId, members: [FAKE.users[1], FAKE.spApp].sort(), owners: [FAKE.users[0]] })
    expect(a.apps[0]).toMatchObject({ appId: FAKE.appId, owners: [FAKE.users[1]] })
    expect(a.apps[0]?.credentials.map((c) => [c.type, c.subject])).toEqual([
      ['secret', null],
      ['federated', 'repo:fake/app:pull_request'],
      ['federated', 'repo:fake/*:ref:refs/heads/main'],
    ])
    // The flexible credential's expression is kept with its parsed test.
    expect(a.apps[0]?.credentials[2]?.claimsMatching).toEqual({
      expression: "claims['sub'] matches 'repo:fake/*:ref:refs/heads/main'",
      languageVersion: 1,
      tests: [{ claim: 'sub', operator: 'matches', value: 'repo:fake/*:ref:refs/heads/main' }],
    })
    expect(a.appRoleAssignments).toEqual([
      { id: 'ara-id-mixed-case-1', principalId: FAKE.spApp, resourceId: FAKE.spGraph, appRoleId: FAKE.roleManagementReadWrite, appRoleValue: 'RoleManagement.ReadWrite.Directory' },
    ])
    expect(a.directoryRoleAssignments).toEqual([
      { id: 'roleassignment-ga-1', principalId: FAKE.users[0], roleDefinitionId: FAKE.globalAdmin, directoryScopeId: '/', status: 'active' },
    ])
  })

  it('collects ARM scopes, de-duplicates the inherited assignment, and finds the VM managed identity', () => {
    const a = az()
    const sub = `/subscriptions/${FAKE.subscription}`
    expect(a.subscriptions[0]?.parentId).toBe(FAKE.mgRoot.toLowerCase())
    // listed at the MG (atScope) and again on page 1 of the subscription list: one record
    expect(a.roleAssignments.filter((r) => r.scope === FAKE.mgRoot.toLowerCase())).toHaveLength(1)
    expect(a.roleAssignments.find((r) => r.status === 'eligible')).toMatchObject({ principalId: FAKE.users[1], scope: `${sub}/resourcegroups/rg-app` })
    expect(a.roleDefinitions).toEqual([{ id: FAKE.owner, roleName: 'Owner', isBuiltIn: true, permissions: [{ actions: ['*'], notActions: [], dataActions: [], notDataActions: [] }], assignableScopes: ['/'] }])
    const vm = a.resources.find((r) => r.id === FAKE.vmId.toLowerCase())
    expect(vm).toMatchObject({ type: 'Microsoft.Compute/virtualMachines', identities: [{ principalId: FAKE.spVmMi, type: 'SystemAssigned', resourceId: null }], properties: { osType: 'Windows' } })
    expect(a.denyAssignments).toEqual([
      {
        id: `${sub}/resourcegroups/rg-app/providers/microsoft.authorization/denyassignments/d1`,
        scope: `${sub}/resourcegroups/rg-app`,
        permissions: [{ actions: ['*'], notActions: ['*/read'], dataActions: [], notDataActions: [] }],
        principals: ['00000000-0000-0000-0000-000000000000'],
        excludePrincipals: [FAKE.users[0]],
      },
    ])
    expect(a.resourceGroups).toEqual([{ id: `${sub}/resourcegroups/rg-app`, name: 'RG-App', subscriptionId: FAKE.subscription, tags: { env: 'prod' } }])
  })

  it('never stores the client secret or a token', () => {
    const text = JSON.stringify(part)
    expect(text).not.toContain(FAKE.clientSecret)
    for (const t of fake.issuedTokens) expect(text).not.toContain(t)
  })

  it('a wrong client secret fails with CP_ERR_LIVE_AUTH, without the secret in the message', async () => {
    const err = await collectAzureLive(options({ auth: { kind: 'client-secret', clientId: FAKE.clientId, clientSecret: 'wrong-secret-value' } })).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CrownpathError)
    expect((err as CrownpathError).code).toBe('CP_ERR_LIVE_AUTH')
    expect((err as CrownpathError).message).not.toContain('wrong-secret-value')
  })
})
