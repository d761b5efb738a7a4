/**
 * `crownpath who-holds` on the bundled demo organisation (examples/demo/azure/azurehound.json):
 * Entra directory roles (active, PIM-eligible, through a role-assignable group, a role no
 * technique uses) and Azure RBAC roles (through a group, at a scope), positive and negative.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openMemoryStore } from '../../../src/graph/index.js'
import { ingestDemo } from '../../../src/ingest/index.js'
import type { RoleHoldersResult } from '../../../src/paths/index.js'
import { cli } from '../run.js'

const TENANT = 'azure:6c12b0b0-1111-4a6b-8f00-000000000001'
const user = (n: number): string => `azure:a1a1a1a1-0000-4000-8000-${String(n).padStart(12, '0')}`

describe('who-holds on the demo tenant', () => {
  let dir: string
  let db: string
  const run = async (...argv: string[]): Promise<{ code: number; doc: RoleHoldersResult; stderr: string; stdout: string }> => {
    const r = await cli(['--db', db, 'who-holds', ...argv, '--format', 'json'])
    return { code: r.code, doc: (r.stdout ? JSON.parse(r.stdout) : null) as RoleHoldersResult, stderr: r.stderr, stdout: r.stdout }
  }
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crownpath-who-holds-'))
    db = join(dir, 'demo.db')
    const store = openMemoryStore({ path: db })
    await ingestDemo(store, { now: new Date('2026-11-27T12:00:00.000Z') })
    await store.close()
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('Global Administrator: the break-glass account (active) and Carol (PIM-eligible)', async () => {
    const { code, doc } = await run('--role', 'Global Administrator')
    expect(code).toBe(0)
    expect(doc.roles.map((r) => r.id)).toEqual([`azure:62e90394-69f5-4237-9190-012177145e10@6c12b0b0-1111-4a6b-8f00-000000000001`])
    expect(doc.holders.map((h) => [h.name, h.status])).toEqual([
      ['breakglass-01@acme.example', 'active'],
      ['carol.cloudops@acme.example', 'eligible'],
    ])
    const carol = doc.holders[1]!.holdings[0]!
    expect(carol.evidence).toMatchObject({ type: 'entra-role-assignment', policy: 'pim-elig-carol-ga', resource: TENANT })
    expect(carol.conditions.map((c) => c.key)).toEqual(['azure:pimActivation'])
    expect(carol.isConditional).toBe(true)
  })

  it('Privileged Role Administrator through the role-assignable group Tier0-Admins', async () => {
    const { doc } = await run('--role', 'e8611ab8-c189-46e8-94e1-60213ab1f814')
    const alice = doc.holders.find((h) => h.id === user(11))
    expect(alice?.holdings[0]).toMatchObject({ status: 'active', assignee: 'azure:b2b2b2b2-0000-4000-8000-000000000001', via: ['azure:b2b2b2b2-0000-4000-8000-000000000001'] })
    expect(doc.holders.map((h) => h.id).sort()).toEqual([user(11), 'azure:b2b2b2b2-0000-4000-8000-000000000001'])
  })

  it('Reports Reader, a role no technique uses, is still answered', async () => {
    const { doc } = await run('--role', 'reports reader')
    expect(doc.holders.map((h) => h.id)).toEqual([user(10)])
    expect(doc.holders[0]!.holdings[0]!.evidence.policy).toBe('ZY9dStlBpEeWifHb3MxTzReports10'.toLowerCase())
  })

  it('Storage Blob Data Reader: the ML-Engineers group and both of its members', async () => {
    const { doc } = await run('--role', 'Storage Blob Data Reader')
    expect(doc.roles[0]?.roleId).toBe('2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
    expect(doc.holders.map((h) => h.id).sort()).toEqual([user(4), user(9), 'azure:b2b2b2b2-0000-4000-8000-000000000002'])
  })

  it('Contributor at a storage account inherits the resource-group assignment; at the subscription it does not', async () => {
    const account = '/subscriptions/aaaaaaaa-1111-4000-8000-000000000002/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/stacmemlmodels'
    const inRg = await run('--role', 'Contributor', '--scope', account)
    expect(inRg.doc.holders.map((h) => h.name)).toEqual(['ml-pipeline-ci'])
    expect(inRg.doc.holders[0]!.holdings[0]!.scope).toBe('/subscriptions/aaaaaaaa-1111-4000-8000-000000000002/resourcegroups/rg-ml')
    const atSub = await run('--role', 'Contributor', '--scope', '/subscriptions/aaaaaaaa-1111-4000-8000-000000000002')
    expect(atSub.code).toBe(0)
    expect(atSub.doc.holders).toEqual([])
  })

  it('an RBAC role by its full role definition id, as ARM writes it', async () => {
    const { doc } = await run('--role', '/subscriptions/aaaaaaaa-1111-4000-8000-000000000002/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c')
    expect(doc.roles.map((r) => r.name)).toEqual(['Contributor'])
    expect(doc.holders.map((h) => h.name)).toEqual(['ml-pipeline-ci'])
  })

  it('negatives: a role nobody holds, another role, only-eligible on an active-only role', async () => {
    const nobody = await run('--role', 'Intune Administrator')
    expect(nobody.code).toBe(0)
    expect(nobody.doc).toMatchObject({ roles: [], holders: [], total: 0 })
    const other = await run('--role', 'Reports Reader')
    expect(other.doc.holders.map((h) => h.id)).not.toContain(user(1))
    const eligible = await run('--role', 'Privileged Role Administrator', '--status', 'eligible')
    expect(eligible.doc.holders).toEqual([])
  })

  it('text output names the holders; bad status and unknown scope fail', async () => {
    const text = await cli(['--db', db, 'who-holds', '--role', 'Global Administrator'])
    expect(text.code).toBe(0)
    expect(text.stdout).toContain(user(1))
    expect(text.stdout).toContain('eligible')
    const bad = await cli(['--db', db, 'who-holds', '--role', 'Owner', '--status', 'sometimes'])
    expect(bad.code).not.toBe(0)
    expect(bad.stderr).toContain('CP_ERR_USAGE')
    const ghost = await cli(['--db', db, 'who-holds', '--role', 'Owner', '--scope', 'ghost', '--format', 'json'])
    expect(ghost.code).not.toBe(0)
    expect(ghost.stderr).toContain('CP_ERR_NODE_NOT_FOUND')
  })
})
