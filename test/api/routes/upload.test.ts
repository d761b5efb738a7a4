import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUploadIngest } from '../../../src/cli/serve-server.js'
import type { TestServer } from '../helpers.js'
import { caseGraph, testServer } from '../helpers.js'

const demo = (file: string): unknown => JSON.parse(readFileSync(join('examples', 'demo', file), 'utf8'))

describe('POST /v1/snapshots (upload through the ingest pipeline)', () => {
  let s: TestServer
  beforeAll(async () => {
    // The ingest dependency writes into the server's own store (bound once the server exists).
    s = await testServer({
      graphs: [caseGraph('min-cut')],
      config: { bodyLimit: 2 * 1024 * 1024 },
      deps: { ingest: (upload) => createUploadIngest(s.store)(upload) },
    })
  })
  afterAll(async () => s.close())

  it('ingests an authorization-details upload into a new snapshot and queries it', async () => {
    const posted = await s.app.inject({
      method: 'POST',
      url: '/v1/snapshots',
      payload: { label: 'uploaded', inputs: [{ loader: 'aws-auth-details', files: { authDetails: [demo('aws/auth-details-prod.json')] } }] },
    })
    expect(posted.statusCode).toBe(201)
    const meta = posted.json()
    expect(meta.label).toBe('uploaded')
    expect(meta.nodeCount).toBeGreaterThan(10)
    const res = await s.app.inject(`/v1/privesc?snapshot=${meta.id}`)
    expect(res.statusCode).toBe(200)
    expect(res.json().findings.map((f: { principal: string }) => f.principal)).toContain('arn:aws:iam::111111111111:user/dev-dan')
  })

  it('refuses live loaders', async () => {
    await expect(createUploadIngest(s.store)({ inputs: [{ loader: 'aws-live', files: {} }] })).rejects.toThrow(/live/)
  })

  it('a body over the limit → 413 problem', async () => {
    const big = 'x'.repeat(3 * 1024 * 1024)
    const res = await s.app.inject({ method: 'POST', url: '/v1/snapshots', payload: { inputs: [{ loader: 'aws-auth-details', files: { authDetails: big } }] } })
    expect(res.statusCode).toBe(413)
    expect(res.json().code).toBe('CP_ERR_INPUT_TOO_LARGE')
  })
})
