/**
 * @module api
 * Public surface of the HTTP adapter: `buildServer(deps)`, its types, auth
 * helpers, the token table and the per-snapshot engine cache.
 */
export { API_DEFAULTS, buildServer } from './server.js'
export type { BuildServerOptions } from './server.js'
export type { ApiConfig, ApiDeps, AuthConfig, Identity, OidcConfig, ReportInfo, Role, SimulateRequest, UploadInput, UploadRequest } from './types.js'
export { ROLES, hasRole } from './types.js'
export { DEMO_IDENTITY, createOidcVerifier, isLoopbackHost, loadAuthConfig, parseAuthConfig, roleFromClaims } from './auth.js'
export type { JwtVerifier } from './auth.js'
export { TOKEN_PREFIX, hashToken, openTokenRepository } from './tokens.js'
export type { CreatedToken, TokenRecord, TokenRepository } from './tokens.js'
export { createAdjacencyCache, createEngineCache } from './engines.js'
export type { EngineFactory } from './engines.js'
export { problemType, toProblem } from './problem.js'
export type { Problem } from './problem.js'
