/**
 * @module api/auth
 * Authentication (API tokens, OIDC bearer JWTs) and role checks. Routes
 * declare the least role they need in `config.role`; routes without one
 * (health, docs) are public. Without an AuthConfig the server is in demo
 * mode: everyone is `anonymous` with the admin role, and `serve` refuses to
 * bind anything but loopback.
 */
import { readFile } from 'node:fs/promises'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { createVerifier } from 'fast-jwt'
import buildGetJwks from 'get-jwks'
import { CrownpathError } from '../model/index.js'
import type { TokenRepository } from './tokens.js'
import { TOKEN_PREFIX } from './tokens.js'
import type { AuthConfig, Identity, OidcConfig, Role } from './types.js'
import { ROLES, hasRole } from './types.js'

/** The identity of every request in demo mode. */
export const DEMO_IDENTITY: Identity = { name: 'anonymous', role: 'admin', method: 'none' }

/** Verifies a bearer JWT and returns its claims; throws on any failure. */
export type JwtVerifier = (token: string) => Promise<Record<string, unknown>>

/** Build the OIDC verifier: signature from the issuer's JWKS, issuer, audience, expiry, algorithm allow-list. */
export function createOidcVerifier(config: OidcConfig): JwtVerifier {
  const issuer = config.issuer.replace(/\/+$/, '')
  const jwks = buildGetJwks({
    issuersWhitelist: [`${issuer}/`],
    ...(config.jwksPath ? { jwksPath: config.jwksPath } : {}),
    ttl: 10 * 60 * 1000,
  })
  const verify = createVerifier({
    algorithms: [...(config.algorithms ?? ['RS256', 'ES256'])],
    allowedIss: [issuer, `${issuer}/`],
    allowedAud: config.audience,
    clockTolerance: (config.clockToleranceSec ?? 30) * 1000,
    requiredClaims: ['exp', 'iss', 'aud', 'sub'],
    cache: true,
    key: async (decoded: { header: { kid?: string; alg?: string } }) =>
      jwks.getPublicKey({ domain: `${issuer}/`, ...(decoded.header.kid ? { kid: decoded.header.kid } : {}), ...(decoded.header.alg ? { alg: decoded.header.alg } : {}) }),
  })
  return async (token) => (await verify(token)) as Record<string, unknown>
}

/** The role a JWT's claims give, or null. The claim may be a string or a list (the highest role wins). */
export function roleFromClaims(claims: Record<string, unknown>, config: OidcConfig): Role | null {
  const raw = claims[config.roleClaim ?? 'crownpath_role']
  const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]
  let best: Role | null = null
  for (const value of values) {
    if (typeof value !== 'string') continue
    const role = config.roleMap ? config.roleMap[value] : (ROLES as readonly string[]).includes(value) ? (value as Role) : undefined
    if (role && (best === null || hasRole(role, best))) best = role
  }
  return best
}

/** What the auth hook needs. */
export interface AuthenticatorDeps {
  readonly config: AuthConfig | null
  readonly tokens?: TokenRepository
  /** Injected in tests; built from `config.oidc` otherwise. */
  readonly verifyJwt?: JwtVerifier
}

/** Resolve the identity of a request (throws CP_ERR_AUTH_REQUIRED / CP_ERR_AUTH_INVALID). */
export function createAuthenticator(deps: AuthenticatorDeps): (request: FastifyRequest) => Promise<Identity> {
  const config = deps.config
  if (config === null) return async () => DEMO_IDENTITY
  const verifyJwt = deps.verifyJwt ?? (config.oidc ? createOidcVerifier(config.oidc) : null)
  return async (request) => {
    const header = request.headers.authorization
    if (!header) throw new CrownpathError('CP_ERR_AUTH_REQUIRED')
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    if (!match) throw new CrownpathError('CP_ERR_AUTH_INVALID', { reason: 'expected `Authorization: Bearer <token>`' })
    const token = match[1]!
    if (token.startsWith(TOKEN_PREFIX)) {
      if (!config.tokens || !deps.tokens) throw new CrownpathError('CP_ERR_AUTH_INVALID', { reason: 'API tokens are not enabled' })
      const record = deps.tokens.verify(token)
      if (!record) throw new CrownpathError('CP_ERR_AUTH_INVALID', { reason: 'unknown or revoked API token' })
      return { name: `token:${record.name}`, role: record.role, method: 'token' }
    }
    if (!verifyJwt || !config.oidc) throw new CrownpathError('CP_ERR_AUTH_INVALID', { reason: 'bearer JWTs are not enabled' })
    let claims: Record<string, unknown>
    try {
      claims = await verifyJwt(token)
    } catch (error) {
      // fast-jwt codes say what failed (expired, wrong audience, bad signature) without echoing the token.
      const code = (error as { code?: string }).code ?? 'FAST_JWT_VERIFY_ERROR'
      throw new CrownpathError('CP_ERR_AUTH_INVALID', { reason: `bearer token rejected (${code})` })
    }
    const role = roleFromClaims(claims, config.oidc)
    if (!role) throw new CrownpathError('CP_ERR_AUTH_FORBIDDEN', { role: 'none', action: 'use this API (no role claim)' })
    return { name: `oidc:${String(claims.sub)}`, role, method: 'oidc' }
  }
}

/**
 * Install authentication on an instance: an onRequest hook that resolves the
 * identity of every request to a route with `config.role` and checks the role.
 */
export function installAuth(app: FastifyInstance, deps: AuthenticatorDeps): void {
  const authenticate = createAuthenticator(deps)
  app.decorateRequest('identity', null)
  app.decorateRequest('resultCount', null)
  app.addHook('onRequest', async (request) => {
    const needed = request.routeOptions.config?.role
    if (!needed) return
    const identity = await authenticate(request)
    request.identity = identity
    if (!hasRole(identity.role, needed)) {
      throw new CrownpathError('CP_ERR_AUTH_FORBIDDEN', { role: identity.role, action: `${request.method} ${request.routeOptions.url ?? request.url}` })
    }
  })
}

/** Read an auth config file (JSON: `{ "tokens": true, "oidc": { issuer, audience, ... } }`). */
export async function loadAuthConfig(file: string): Promise<AuthConfig> {
  let parsed: unknown
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    throw new CrownpathError('CP_ERR_CONFIG_INVALID', { file, path: '$', reason: error instanceof Error ? error.message : String(error) })
  }
  return parseAuthConfig(parsed, file)
}

/** Validate an auth config object. */
export function parseAuthConfig(value: unknown, file = '<auth config>'): AuthConfig {
  const fail = (path: string, reason: string): never => {
    throw new CrownpathError('CP_ERR_CONFIG_INVALID', { file, path, reason })
  }
  if (typeof value !== 'object' || value === null) return fail('$', 'expected an object')
  const v = value as Record<string, unknown>
  const tokens = v.tokens === undefined ? true : v.tokens
  if (typeof tokens !== 'boolean') fail('$.tokens', 'expected true or false')
  let oidc: OidcConfig | null = null
  if (v.oidc !== undefined && v.oidc !== null) {
    const o = v.oidc as Record<string, unknown>
    if (typeof o.issuer !== 'string' || !/^https?:\/\//.test(o.issuer)) fail('$.oidc.issuer', 'expected an http(s) URL')
    if (typeof o.audience !== 'string' || o.audience === '') fail('$.oidc.audience', 'expected a string')
    const algorithms = (o.algorithms ?? ['RS256', 'ES256']) as unknown[]
    if (!Array.isArray(algorithms) || algorithms.some((a) => a !== 'RS256' && a !== 'ES256')) fail('$.oidc.algorithms', 'allowed algorithms are RS256 and ES256')
    if (o.roleMap !== undefined) {
      for (const [k, role] of Object.entries(o.roleMap as Record<string, unknown>)) {
        if (!(ROLES as readonly unknown[]).includes(role)) fail(`$.oidc.roleMap.${k}`, `expected one of ${ROLES.join(', ')}`)
      }
    }
    oidc = {
      issuer: o.issuer as string,
      audience: o.audience as string,
      algorithms: algorithms as ('RS256' | 'ES256')[],
      ...(typeof o.roleClaim === 'string' ? { roleClaim: o.roleClaim } : {}),
      ...(o.roleMap ? { roleMap: o.roleMap as Record<string, Role> } : {}),
      ...(typeof o.jwksPath === 'string' ? { jwksPath: o.jwksPath } : {}),
      ...(typeof o.clockToleranceSec === 'number' ? { clockToleranceSec: o.clockToleranceSec } : {}),
    }
  }
  if (!tokens && !oidc) fail('$', 'enable API tokens or configure oidc')
  return { tokens: tokens as boolean, oidc }
}

/** True for loopback bind addresses (the only ones demo mode may use). */
export function isLoopbackHost(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost'
}
