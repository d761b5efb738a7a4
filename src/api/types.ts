/**
 * @module api/types
 * What the HTTP adapter is built from (`ApiDeps`), its configuration, roles
 * and the identity attached to each request.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { GraphStore, SnapshotMeta, SnapshotRef } from '../graph/index.js'
import type { PathEngine } from '../paths/index.js'
import type { ReportRun, ReportRunDetail } from '../reports/index.js'
import type { TokenRepository } from './tokens.js'

/** Roles, least to most privileged: viewer reads, analyst queries and reports, admin ingests and manages tokens. */
export const ROLES = ['viewer', 'analyst', 'admin'] as const
/** A role. */
export type Role = (typeof ROLES)[number]

/** True when `held` is at least `needed`. */
export function hasRole(held: Role, needed: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(needed)
}

/** Who made a request. Never holds the credential itself. */
export interface Identity {
  /** `token:<name>`, `oidc:<sub>` or `anonymous` (demo mode). */
  readonly name: string
  readonly role: Role
  readonly method: 'token' | 'oidc' | 'none'
}

/** OIDC bearer-token settings. */
export interface OidcConfig {
  /** Expected `iss`; its JWKS is fetched from `<issuer>/.well-known/jwks.json` unless `jwksPath` says otherwise. */
  readonly issuer: string
  readonly audience: string
  /** Allowed signature algorithms (default RS256 and ES256). */
  readonly algorithms?: readonly ('RS256' | 'ES256')[]
  /** Claim holding the role (default `crownpath_role`); a string or a list of strings. */
  readonly roleClaim?: string
  /** Map claim values to roles (default: the role names themselves). */
  readonly roleMap?: Readonly<Record<string, Role>>
  /** JWKS path relative to the issuer (default `.well-known/jwks.json`). */
  readonly jwksPath?: string
  /** Clock tolerance in seconds (default 30). */
  readonly clockToleranceSec?: number
}

/** Authentication settings; `null` is demo mode (no authentication, loopback only). */
export interface AuthConfig {
  /** Accept API tokens from the token table. */
  readonly tokens: boolean
  readonly oidc: OidcConfig | null
}

/** Server configuration. */
export interface ApiConfig {
  readonly auth: AuthConfig | null
  /** Requests per identity per window (default 300 per minute). */
  readonly rateLimit?: { readonly max: number; readonly timeWindowMs: number }
  /** Largest accepted request body in bytes (default 50 MiB, for uploads). */
  readonly bodyLimit?: number
  /** Serve OpenAPI at /docs (default true). */
  readonly docs?: boolean
  /** Directory of the built web page served at `/` (optional). */
  readonly webRoot?: string | null
}

/** A simulate request (DESIGN.md `simulate`). */
export interface SimulateRequest {
  readonly principal: string
  readonly action: string
  readonly resource: string
  readonly context?: Readonly<Record<string, string | readonly string[]>>
}

/** One input of an upload: a loader and its files, as parsed JSON keyed by the loader's file option. */
export interface UploadInput {
  readonly loader: string
  readonly files: Readonly<Record<string, unknown>>
  readonly options?: Readonly<Record<string, unknown>>
}

/** A snapshot upload. */
export interface UploadRequest {
  readonly label?: string | null
  readonly inputs: readonly UploadInput[]
}

/** A report the server can list. */
export interface ReportInfo {
  readonly name: string
  readonly summary: string
  readonly formats: readonly string[]
}

/** Everything the server needs; the CLI (`serve`) and tests build it. */
export interface ApiDeps {
  readonly store: GraphStore
  /** A path engine over the snapshot `ref` (callers may cache; see `createEngineCache`). */
  openEngine(ref: SnapshotRef): Promise<PathEngine>
  readonly config: ApiConfig
  /** A pino logger, `true` for fastify's default, `false`/absent for none. */
  readonly logger?: FastifyBaseLogger | boolean
  /** Token table (required when `config.auth.tokens`). */
  readonly tokens?: TokenRepository
  /** Policy simulation over a snapshot's inventory (injected by the CLI layer). */
  readonly simulate?: (ref: SnapshotRef, request: SimulateRequest) => Promise<unknown>
  /** Ingest an upload into the store (injected by the CLI layer; goes through src/ingest). */
  readonly ingest?: (upload: UploadRequest) => Promise<SnapshotMeta>
  /** Reports the server can list and run. */
  readonly reports?: {
    readonly list: () => readonly ReportInfo[]
    readonly run?: (name: string, ref: SnapshotRef) => Promise<unknown>
  }
  /** Scheduled report runs (the schedule command's run store), when the server keeps them. */
  readonly reportRuns?: {
    readonly list: (job?: string, limit?: number) => readonly ReportRun[]
    readonly get: (id: number) => ReportRunDetail | null
  }
  /** Package version shown by /health and OpenAPI. */
  readonly version?: string
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Least role allowed on the route; absent = public (health, docs). */
    role?: Role
    /** Log an audit line for the route. */
    audit?: boolean
  }
  interface FastifyRequest {
    identity: Identity | null
    /** Number of results, set by query handlers for the audit line. */
    resultCount: number | null
  }
}
