import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../helpers.js'
import { caseGraph, testServer } from '../helpers.js'

describe('query routes (demo mode)', () => {
  let s: TestServer
  beforeAll(async () => {
    s = await testServer({ graphs: [caseGraph('min-cut')] })
  })
  afterAll(async () => s.close())

  it('GET /health needs no auth', async () => {
    const res = await s.app.inject('/health')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ status: 'ok', version: '0.1.0-test', auth: 'demo' })
  })

  it('GET /v1/paths returns the DESIGN.md contract', async () => {
    const res = await s.app.inject('/v1/paths?from=exposed&to=crown-jewels&k=2')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(Object.keys(body).sort()).toEqual(['paths', 'truncated'])
    expect(body.paths).toHaveLength(2)
    expect(body.paths[0].cost).toBe(2)
    expect(Object.keys(body.paths[0].hops[0]).sort()).toEqual(['conditions', 'evidence', 'from', 'kind', 'technique', 'to'])
    expect(body.paths[0].hops.map((h: { to: string }) => h.to)).toEqual(['u', 'g', 'r1', 'bucket'])
    expect(body.paths[0].hops[2].evidence).toEqual([{ type: 'identity-policy', policy: 'pol-g', statement: 2 }])
  })

  it('GET /v1/paths with no path answers 200 with an empty list', async () => {
    const res = await s.app.inject('/v1/paths?from=bucket&to=key')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ paths: [], truncated: false })
  })

  it('unknown id → 404 problem naming the id', async () => {
    const res = await s.app.inject('/v1/paths?from=arn:aws:iam::1:user/ghost&to=tier0')
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    const body = res.json()
    expect(body.code).toBe('CP_ERR_NODE_NOT_FOUND')
    expect(body.status).toBe(404)
    expect(body.detail).toContain('arn:aws:iam::1:user/ghost')
    expect(typeof body.type).toBe('string')
    expect(typeof body.title).toBe('string')
  })

  it('validation errors → 400 problem', async () => {
    for (const url of ['/v1/paths?from=key', '/v1/paths?from=key&to=bucket&k=0', '/v1/paths?from=key&to=bucket&maxDepth=99', '/v1/who-can?to=bucket&accessLevel=Root']) {
      const res = await s.app.inject(url)
      expect(res.statusCode, url).toBe(400)
      expect(res.json().code, url).toBe('CP_ERR_USAGE')
    }
  })

  it('unknown edge kind → 400', async () => {
    const res = await s.app.inject('/v1/paths?from=key&to=bucket&edgeKinds=CanAssume,CanFly')
    expect(res.statusCode).toBe(400)
    expect(res.json().detail).toContain('CanFly')
  })

  it('edgeKinds filter applies', async () => {
    const res = await s.app.inject('/v1/paths?from=key&to=bucket&k=5&edgeKinds=AuthenticatesAs,CanEscalateTo,CanAccess')
    expect(res.json().paths.map((p: { cost: number }) => p.cost)).toEqual([6])
  })

  it('GET /v1/blast-radius', async () => {
    const res = await s.app.inject('/v1/blast-radius?from=key')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.resources.map((r: { id: string }) => r.id)).toEqual(['bucket'])
    expect(body.resources[0].accessLevels).toEqual(['Read', 'Write'])
    expect(body.score).toBe(100)
    expect(body.scoreExplanation).toContain('restricted')
  })

  it('GET /v1/who-can with an access level', async () => {
    const res = await s.app.inject('/v1/who-can?to=bucket&accessLevel=Write')
    expect(res.statusCode).toBe(200)
    expect(res.json().entries.map((e: { id: string }) => e.id)).toEqual(['r2', 'g', 'key', 'u'])
  })

  it('GET /v1/choke-points and /v1/min-cut', async () => {
    const cp = await s.app.inject('/v1/choke-points?from=exposed&to=crown-jewels')
    expect(cp.statusCode).toBe(200)
    expect(cp.json().chokePoints[0].edge.id).toBe('key|AuthenticatesAs|-|u')
    const mc = await s.app.inject('/v1/min-cut?from=exposed&to=crown-jewels')
    expect(mc.statusCode).toBe(200)
    const body = mc.json()
    expect(body.value).toBe(3)
    expect(body.edges.find((e: { edge: { id: string } }) => e.edge.id === 'g|CanAssume|-|r1').change[0]).toMatchObject({ policy: 'pol-g', statement: 2 })
  })

  it('GET /v1/privesc', async () => {
    const res = await s.app.inject('/v1/privesc')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ admins: [], findings: [], truncated: false })
  })

  it('GET /v1/nodes search and detail', async () => {
    const list = await s.app.inject('/v1/nodes?kind=AWSRole&limit=2')
    expect(list.statusCode).toBe(200)
    expect(list.json().total).toBe(3)
    expect(list.json().nodes).toHaveLength(2)
    const detail = await s.app.inject('/v1/nodes/g')
    expect(detail.statusCode).toBe(200)
    expect(detail.json().in.map((e: { id: string }) => e.id)).toEqual(['u|MemberOf|-|g'])
    expect(detail.json().out).toHaveLength(2)
    const missing = await s.app.inject('/v1/nodes/nope')
    expect(missing.statusCode).toBe(404)
    expect(missing.json().detail).toContain('nope')
  })

  it('unknown route → 404 problem', async () => {
    const res = await s.app.inject('/v1/nothing')
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('CP_ERR_API_NOT_FOUND')
  })

  it('unknown snapshot → 404', async () => {
    const res = await s.app.inject('/v1/paths?from=key&to=bucket&snapshot=snap-19990101')
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('CP_ERR_SNAPSHOT_NOT_FOUND')
  })

  it('security headers are set', async () => {
    const res = await s.app.inject('/health')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['content-security-policy']).toContain("default-src 'self'")
  })

  it('writes an audit line per query', async () => {
    await s.app.inject('/v1/paths?from=exposed&to=crown-jewels&k=3')
    const audit = s.logs.map((l) => l.audit as Record<string, unknown> | undefined).filter((a) => a && a.route === '/v1/paths').at(-1)
    expect(audit).toMatchObject({ who: 'anonymous', method: 'GET', route: '/v1/paths', status: 200, results: 3 })
    expect(typeof audit!.durationMs).toBe('number')
  })

  it('publishes OpenAPI at /docs/json', async () => {
    const res = await s.app.inject('/docs/json')
    expect(res.statusCode).toBe(200)
    const doc = res.json()
    expect(doc.openapi).toMatch(/^3\./)
    for (const p of ['/v1/paths', '/v1/blast-radius', '/v1/who-can', '/v1/choke-points', '/v1/min-cut', '/v1/privesc', '/v1/nodes', '/v1/nodes/{id}', '/v1/simulate', '/v1/snapshots', '/v1/reports']) {
      expect(doc.paths[p], p).toBeDefined()
    }
    const docs = await s.app.inject('/docs')
    expect([200, 302]).toContain(docs.statusCode)
  })
})

describe('snapshot, simulate and report routes', () => {
  let s: TestServer
  beforeAll(async () => {
    // Two snapshots: the second adds an escalation path to tier zero.
    const before = caseGraph('min-cut')
    const after = {
      nodes: [...before.nodes, { id: 'acct', kind: 'AWSAccount' as const }],
      edges: [...before.edges, { from: 'r3', to: 'acct', kind: 'AdminTo' as const, cost: 1 }],
    }
    s = await testServer({
      graphs: [before, after],
      deps: {
        simulate: async (_ref, q) => ({ decision: q.action === 's3:GetObject' ? 'allowed' : 'implicitDeny', matched: [] }),
        reports: { list: () => [{ name: 'over-permission', summary: 'Over-permissive grants', formats: ['json'] }] },
      },
    })
  })
  afterAll(async () => s.close())

  it('lists snapshots and shows one', async () => {
    const res = await s.app.inject('/v1/snapshots')
    expect(res.statusCode).toBe(200)
    const list = res.json().snapshots
    expect(list).toHaveLength(2)
    const one = await s.app.inject(`/v1/snapshots/${list[1].id}`)
    expect(one.json().id).toBe(list[1].id)
  })

  it('diffs two snapshots with new findings', async () => {
    const list = (await s.app.inject('/v1/snapshots')).json().snapshots
    const res = await s.app.inject(`/v1/snapshots/${list[1].id}/diff/${list[0].id}`)
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.addedNodes).toEqual(['acct'])
    expect(body.addedEdges).toEqual(['r3|AdminTo|-|acct'])
    expect(body.newFindings).toEqual(['r3', 'u'])
    expect(body.counts.removedEdges).toBe(0)
  })

  it('POST /v1/simulate calls the injected evaluator', async () => {
    const res = await s.app.inject({ method: 'POST', url: '/v1/simulate', payload: { principal: 'r1', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ decision: 'allowed', matched: [] })
    const bad = await s.app.inject({ method: 'POST', url: '/v1/simulate', payload: { principal: 'r1', action: 'not an action', resource: 'x' } })
    expect(bad.statusCode).toBe(400)
  })

  it('POST /v1/snapshots without an ingest pipeline → 501', async () => {
    const res = await s.app.inject({ method: 'POST', url: '/v1/snapshots', payload: { inputs: [{ loader: 'aws', files: { authDetails: {} } }] } })
    expect(res.statusCode).toBe(501)
    expect(res.json().code).toBe('CP_ERR_FEATURE_UNAVAILABLE')
  })

  it('GET /v1/reports lists reports', async () => {
    const res = await s.app.inject('/v1/reports')
    expect(res.json().reports.map((r: { name: string }) => r.name)).toEqual(['over-permission'])
  })
})
