/**
 * `GET /v1/role-holders` over the role-holders case graph (test/cases/paths/role-holders.json):
 * the answer shape, the filters, validation, and the OpenAPI entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../helpers.js'
import { caseGraph, testServer } from '../helpers.js'

describe('GET /v1/role-holders', () => {
  let s: TestServer
  beforeAll(async () => {
    s = await testServer({ graphs: [caseGraph('role-holders')] })
  })
  afterAll(async () => s.close())

  it('lists direct, group and eligible holders with the assignment as evidence', async () => {
    const res = await s.app.inject('/v1/role-holders?role=Global%20Administrator')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.roles.map((r: { id: string }) => r.id)).toEqual(['role-ga'])
    expect(body.roles[0].roleId).toBe('62e90394-69f5-4237-9190-012177145e10')
    const byId = Object.fromEntries(body.holders.map((h: { id: string }) => [h.id, h]))
    expect(Object.keys(byId).sort()).toEqual(['g-entra', 'g-sub', 'u-direct', 'u-eligible', 'u-member'])
    expect(byId['u-eligible'].status).toBe('eligible')
    expect(byId['u-eligible'].holdings[0].conditions.map((c: { key: string }) => c.key)).toEqual(['azure:pimActivation'])
    const viaGroup = byId['u-member'].holdings[0]
    expect(viaGroup).toMatchObject({ status: 'active', assignee: 'g-entra', via: ['g-entra'], scope: 'tenant', isConditional: false })
    expect(viaGroup.evidence).toMatchObject({ type: 'entra-role-assignment', policy: 'ga-3' })
    expect(viaGroup.membership.map((h: { from: string; kind: string; to: string }) => `${h.from} ${h.kind} ${h.to}`)).toEqual(['u-member MemberOf g-entra'])
  })

  it('filters by scope and status', async () => {
    const atVm = await s.app.inject('/v1/role-holders?role=reader&scope=vm')
    expect(atVm.json().holders.map((h: { id: string }) => h.id)).toEqual(['g-inner', 'g-rbac', 'u-nested'])
    const atSub = await s.app.inject('/v1/role-holders?role=reader&scope=sub')
    expect(atSub.json()).toMatchObject({ holders: [], total: 0, scope: ['sub'] })
    const eligible = await s.app.inject('/v1/role-holders?role=Global%20Administrator&status=eligible')
    expect(eligible.json().holders.map((h: { id: string }) => h.id)).toEqual(['u-eligible'])
  })

  it('answers an unheld role with empty lists, an unknown scope with 404, a bad status with 400', async () => {
    const none = await s.app.inject('/v1/role-holders?role=Reports%20Reader')
    expect(none.statusCode).toBe(200)
    expect(none.json()).toMatchObject({ roles: [], holders: [], total: 0 })
    const ghost = await s.app.inject('/v1/role-holders?role=reader&scope=ghost')
    expect(ghost.statusCode).toBe(404)
    expect(ghost.json().code).toBe('CP_ERR_NODE_NOT_FOUND')
    for (const url of ['/v1/role-holders', '/v1/role-holders?role=reader&status=maybe', '/v1/role-holders?role=reader&limit=0']) {
      const res = await s.app.inject(url)
      expect(res.statusCode, url).toBe(400)
    }
  })

  it('is in the OpenAPI document with its query parameters', async () => {
    const doc = (await s.app.inject('/docs/json')).json()
    const op = doc.paths['/v1/role-holders']?.get
    expect(op).toBeDefined()
    expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['limit', 'role', 'scope', 'snapshot', 'status'])
    expect(op.responses['200']).toBeDefined()
  })
})
