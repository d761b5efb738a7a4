import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { generateKeyPairSync } from 'node:crypto'
import { createSigner } from 'fast-jwt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseAuthConfig, roleFromClaims } from '../../src/api/index.js'
import type { TestServer } from './helpers.js'
import { testServer } from './helpers.js'

describe('API tokens and roles', () => {
  let s: TestServer
  let viewer: string
  let analyst: string
  let admin: string
  beforeAll(async () => {
    s = await testServer({ config: { auth: { tokens: true, oidc: null }, rateLimit: { max: 1000, timeWindowMs: 60_000 } } })
    viewer = s.tokens.create({ name: 'v', role: 'viewer' }).token
    analyst = s.tokens.create({ name: 'a', role: 'analyst' }).token
    admin = s.tokens.create({ name: 'root', role: 'admin' }).token
  })
  afterAll(async () => s.close())
  const get = (url: string, token?: string) => s.app.inject({ url, headers: token ? { authorization: `Bearer ${token}` } : {} })

  it('stores only the hash', () => {
    const list = s.tokens.list()
    expect(list.map((t) => t.name).sort()).toEqual(['a', 'root', 'v'])
    expect(JSON.stringify(list)).not.toContain(viewer.slice(4))
  })

  it('401 without credentials, /health stays open', async () => {
    const res = await get('/v1/nodes')
    expect(res.statusCode).toBe(401)
    expect(res.json().code).toBe('CP_ERR_AUTH_REQUIRED')
    expect((await get('/health')).statusCode).toBe(200)
  })

  it('401 with an unknown token', async () => {
    const res = await get('/v1/nodes', 'cpt_nottherightone')
    expect(res.statusCode).toBe(401)
    expect(res.json().code).toBe('CP_ERR_AUTH_INVALID')
  })

  it('viewer reads nodes but may not run queries (403)', async () => {
    expect((await get('/v1/nodes', viewer)).statusCode).toBe(200)
    const res = await get('/v1/paths?from=key&to=bucket', viewer)
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('CP_ERR_AUTH_FORBIDDEN')
  })

  it('analyst runs queries but may not ingest', async () => {
    expect((await get('/v1/paths?from=key&to=bucket', analyst)).statusCode).toBe(200)
    const res = await s.app.inject({ method: 'POST', url: '/v1/snapshots', headers: { authorization: `Bearer ${analyst}` }, payload: { inputs: [{ loader: 'aws', files: {} }] } })
    expect(res.statusCode).toBe(403)
  })

  it('admin may ingest (501 here: no pipeline injected)', async () => {
    const res = await s.app.inject({ method: 'POST', url: '/v1/snapshots', headers: { authorization: `Bearer ${admin}` }, payload: { inputs: [{ loader: 'aws', files: {} }] } })
    expect(res.statusCode).toBe(501)
  })

  it('the audit line names the identity', async () => {
    await get('/v1/who-can?to=bucket', analyst)
    const audit = s.logs.map((l) => l.audit as Record<string, unknown> | undefined).filter((a) => a?.route === '/v1/who-can').at(-1)
    expect(audit).toMatchObject({ who: 'token:a', role: 'analyst' })
    expect(JSON.stringify(s.logs)).not.toContain(analyst)
  })

  it('a revoked token is refused', async () => {
    const t = s.tokens.create({ name: 'temp', role: 'viewer' })
    expect((await get('/v1/nodes', t.token)).statusCode).toBe(200)
    s.tokens.revoke('temp')
    expect((await get('/v1/nodes', t.token)).statusCode).toBe(401)
  })
})

describe('rate limiting per identity', () => {
  let s: TestServer
  beforeAll(async () => {
    s = await testServer({ config: { auth: { tokens: true, oidc: null }, rateLimit: { max: 2, timeWindowMs: 60_000 } } })
  })
  afterAll(async () => s.close())

  it('429 problem after the limit, other identities unaffected', async () => {
    const a = s.tokens.create({ name: 'a', role: 'viewer' }).token
    const b = s.tokens.create({ name: 'b', role: 'viewer' }).token
    const get = (token: string) => s.app.inject({ url: '/v1/snapshots', headers: { authorization: `Bearer ${token}` } })
    expect((await get(a)).statusCode).toBe(200)
    expect((await get(a)).statusCode).toBe(200)
    const limited = await get(a)
    expect(limited.statusCode).toBe(429)
    expect(limited.json().code).toBe('CP_ERR_RATE_LIMITED')
    expect(limited.headers['content-type']).toMatch(/problem\+json/)
    expect((await get(b)).statusCode).toBe(200)
  })
})

describe('OIDC bearer JWTs against a local JWKS', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  let jwksServer: Server
  let issuer: string
  let s: TestServer

  beforeAll(async () => {
    const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' }
    const ecJwk = { ...ec.publicKey.export({ format: 'jwk' }), kid: 'e1', alg: 'ES256', use: 'sig' }
    jwksServer = createServer((req, res) => {
      if (req.url === '/.well-known/jwks.json') {
        res.setHeader('content-type', 'application/json')
        res.end(JSON.stringify({ keys: [jwk, ecJwk] }))
      } else {
        res.statusCode = 404
        res.end()
      }
    })
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve))
    issuer = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}`
    s = await testServer({
      config: { auth: { tokens: false, oidc: { issuer, audience: 'crownpath', roleClaim: 'roles', roleMap: { 'cp-analysts': 'analyst', 'cp-viewers': 'viewer' } } } },
    })
  })
  afterAll(async () => {
    await s.close()
    await new Promise((resolve) => jwksServer.close(resolve))
  })

  const sign = (claims: Record<string, unknown>, opts: { key?: unknown; kid?: string; algorithm?: 'RS256' | 'ES256' | 'HS256'; expiresIn?: number } = {}) =>
    createSigner({
      key: (opts.key ?? privateKey.export({ format: 'pem', type: 'pkcs8' })) as string,
      algorithm: opts.algorithm ?? 'RS256',
      kid: opts.kid ?? 'k1',
      expiresIn: opts.expiresIn ?? 60_000,
    })({ iss: issuer, aud: 'crownpath', sub: 'user-1', ...claims })
  const get = (url: string, token: string) => s.app.inject({ url, headers: { authorization: `Bearer ${token}` } })

  it('accepts a valid RS256 token with a mapped role', async () => {
    const res = await get('/v1/paths?from=key&to=bucket', sign({ roles: ['cp-analysts'] }))
    expect(res.statusCode).toBe(200)
  })

  it('accepts ES256', async () => {
    const token = sign({ roles: ['cp-viewers'] }, { key: ec.privateKey.export({ format: 'pem', type: 'pkcs8' }), kid: 'e1', algorithm: 'ES256' })
    expect((await get('/v1/nodes', token)).statusCode).toBe(200)
  })

  it('role claim too low → 403', async () => {
    expect((await get('/v1/paths?from=key&to=bucket', sign({ roles: ['cp-viewers'] }))).statusCode).toBe(403)
  })

  it('no role → 403', async () => {
    expect((await get('/v1/nodes', sign({ roles: ['someone-else'] }))).statusCode).toBe(403)
  })

  it('wrong audience → 401', async () => {
    expect((await get('/v1/nodes', sign({ roles: ['cp-viewers'], aud: 'other' }))).statusCode).toBe(401)
  })

  it('wrong issuer → 401', async () => {
    expect((await get('/v1/nodes', sign({ roles: ['cp-viewers'], iss: 'http://127.0.0.1:1' }))).statusCode).toBe(401)
  })

  it('expired → 401', async () => {
    const token = sign({ roles: ['cp-viewers'], exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200 }, { expiresIn: 0 })
    const res = await get('/v1/nodes', token)
    expect(res.statusCode).toBe(401)
  })

  it('signed by another key → 401', async () => {
    const token = sign({ roles: ['cp-viewers'] }, { key: other.privateKey.export({ format: 'pem', type: 'pkcs8' }) })
    expect((await get('/v1/nodes', token)).statusCode).toBe(401)
  })

  it('HS256 (not on the allow-list) → 401', async () => {
    const token = sign({ roles: ['cp-viewers'] }, { key: 'shared-secret-shared-secret-shared', algorithm: 'HS256' })
    expect((await get('/v1/nodes', token)).statusCode).toBe(401)
  })

  it('API tokens are refused when only OIDC is enabled', async () => {
    expect((await get('/v1/nodes', 'cpt_whatever')).statusCode).toBe(401)
  })
})

describe('auth config', () => {
  it('parses and validates', () => {
    expect(parseAuthConfig({ oidc: { issuer: 'https://login.example.com/t', audience: 'api' } })).toMatchObject({ tokens: true, oidc: { algorithms: ['RS256', 'ES256'] } })
    expect(() => parseAuthConfig({ oidc: { issuer: 'https://x', audience: 'a', algorithms: ['HS256'] } })).toThrow(/RS256/)
    expect(() => parseAuthConfig({ tokens: false })).toThrow(/oidc/)
    expect(() => parseAuthConfig({ oidc: { issuer: 'x', audience: 'a' } })).toThrow(/issuer/)
  })
  it('picks the highest role of a list claim', () => {
    expect(roleFromClaims({ crownpath_role: ['viewer', 'admin'] }, { issuer: 'x', audience: 'a' })).toBe('admin')
    expect(roleFromClaims({ crownpath_role: 'root' }, { issuer: 'x', audience: 'a' })).toBe(null)
  })
})
