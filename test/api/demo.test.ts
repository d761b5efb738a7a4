import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildServer, createEngineCache } from '../../src/api/index.js'
import type { GraphStore } from '../../src/graph/index.js'
import { openMemoryStore } from '../../src/graph/index.js'
import { ingestDemo } from '../../src/ingest/index.js'

// The seeded paths of examples/demo/README.md, asked over HTTP.
describe('demo organisation through the API', () => {
  let dir: string
  let store: GraphStore
  let app: FastifyInstance
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crownpath-demo-api-'))
    store = openMemoryStore({ path: join(dir, 'demo.db') })
    await ingestDemo(store, { now: new Date('2026-11-27T12:00:00Z') })
    app = await buildServer({ store, openEngine: createEngineCache(store).openEngine, config: { auth: null } })
    await app.ready()
  })
  afterAll(async () => {
    await app?.close()
    await store?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('the leaked key reaches admin of 111111111111 through ci-legacy', async () => {
    const res = await app.inject('/v1/paths?from=AKIAEXAMPLEDEMO0LEAK&to=tier0')
    expect(res.statusCode).toBe(200)
    const path = res.json().paths[0]
    expect(path).toBeDefined()
    const nodes = [path.hops[0].from, ...path.hops.map((h: { to: string }) => h.to)]
    expect(nodes[1]).toBe('arn:aws:iam::111111111111:user/ci-legacy')
    expect(nodes).toContain('arn:aws:iam::111111111111:role/lambda-ops-admin')
  })

  it('privesc names ci-legacy, dev-dan and ml-eng-maya', async () => {
    const res = await app.inject('/v1/privesc')
    expect(res.statusCode).toBe(200)
    const principals = res.json().findings.map((f: { principal: string }) => f.principal)
    for (const user of ['ci-legacy', 'dev-dan', 'ml-eng-maya']) expect(principals).toContain(`arn:aws:iam::111111111111:user/${user}`)
    expect(principals).not.toContain('arn:aws:iam::111111111111:user/intern-bob')
    const dan = res.json().findings.find((f: { principal: string }) => f.principal.endsWith('user/dev-dan'))
    expect(dan.hops).toHaveLength(1)
    expect(dan.target).toBe('arn:aws:iam::111111111111:root')
  })

  it('who can take over the research notebook: the data scientists', async () => {
    const res = await app.inject('/v1/who-can?to=arn:aws:sagemaker:us-east-1:222222222222:notebook-instance/research-nb')
    expect(res.statusCode).toBe(200)
    const ids = res.json().entries.map((e: { id: string }) => e.id)
    expect(ids).toContain('arn:aws:iam::222222222222:user/ds-sara')
    expect(ids).toContain('arn:aws:iam::222222222222:user/ds-tom')
  })

  it('the exposed key has a non-trivial blast radius and a min cut', async () => {
    const br = await app.inject('/v1/blast-radius?from=exposed')
    expect(br.statusCode).toBe(200)
    expect(br.json().tierZero).toContain('arn:aws:iam::111111111111:root')
    const mc = await app.inject('/v1/min-cut?from=exposed&to=tier0')
    expect(mc.statusCode).toBe(200)
    expect(mc.json().isCuttable).toBe(true)
    expect(mc.json().edges.length).toBeGreaterThan(0)
  })
})
