/**
 * @module model/errors
 * The table of coded errors (`CP_ERR_<AREA>_<WHAT>`) with their message
 * template, HTTP status and CLI exit code, and the one error class.
 * Codes are never reused once shipped; docs/errors.md lists every one.
 */

/** One row of the error table. `{name}` placeholders are filled from the params. */
export interface ErrorSpec {
  readonly message: string
  readonly status: number
  readonly exitCode: number
}

/** Exit codes used by the CLI. */
export const EXIT = { usage: 2, notFound: 3, input: 4, conflict: 5, unavailable: 6, auth: 7, internal: 1 } as const

/**
 * Every error crownpath raises. Messages: lowercase, one line, no final
 * period, user values in backticks, causes chained with `: `.
 */
export const ERRORS = {
  CP_ERR_USAGE: { message: '{reason}', status: 400, exitCode: EXIT.usage },
  CP_ERR_INTERNAL: { message: 'internal error: {reason}', status: 500, exitCode: EXIT.internal },

  CP_ERR_MODEL_INVALID_NODE: { message: 'invalid node `{id}`: {reason}', status: 500, exitCode: EXIT.internal },
  CP_ERR_MODEL_INVALID_EDGE: { message: 'invalid edge `{id}`: {reason}', status: 500, exitCode: EXIT.internal },
  CP_ERR_MODEL_SECRET_FIELD: { message: 'refusing to store secret-bearing field `{path}`', status: 500, exitCode: EXIT.internal },

  CP_ERR_SNAPSHOT_NOT_FOUND: { message: 'no snapshot `{ref}`', status: 404, exitCode: EXIT.notFound },
  CP_ERR_SNAPSHOT_AMBIGUOUS: { message: 'snapshot reference `{ref}` matches {count} snapshots', status: 400, exitCode: EXIT.usage },
  CP_ERR_SNAPSHOT_NONE: { message: 'the store holds no snapshot yet: run `crownpath ingest` first', status: 404, exitCode: EXIT.notFound },
  CP_ERR_SNAPSHOT_WRITE: { message: 'could not write snapshot: {reason}', status: 500, exitCode: EXIT.internal },
  CP_ERR_STORE_OPEN: { message: 'could not open store `{location}`: {reason}', status: 503, exitCode: EXIT.unavailable },
  CP_ERR_STORE_UNAVAILABLE: { message: 'graph store `{location}` is unavailable: {reason}', status: 503, exitCode: EXIT.unavailable },

  CP_ERR_NODE_NOT_FOUND: { message: 'no node with id `{id}`', status: 404, exitCode: EXIT.notFound },
  CP_ERR_NODE_SET_UNKNOWN: { message: 'unknown node set `{name}`: expected a node id, a name, an access key id, or one of {sets}', status: 400, exitCode: EXIT.usage },
  CP_ERR_NODE_AMBIGUOUS: { message: 'node name `{name}` matches {count} nodes: use a node id', status: 400, exitCode: EXIT.usage },

  CP_ERR_INPUT_READ: { message: 'cannot read `{file}`: {reason}', status: 400, exitCode: EXIT.input },
  CP_ERR_INPUT_JSON: { message: '`{file}` is not valid JSON: {reason}', status: 400, exitCode: EXIT.input },
  CP_ERR_INPUT_SHAPE: { message: '`{file}` at `{path}`: expected {expected}', status: 400, exitCode: EXIT.input },
  CP_ERR_INPUT_TOO_LARGE: { message: '`{file}` is larger than the {limit} limit', status: 413, exitCode: EXIT.input },
  CP_ERR_INPUT_FORMAT: { message: '`{file}`: {reason}', status: 400, exitCode: EXIT.input },
  CP_ERR_POLICY_INVALID: { message: 'policy `{policy}` statement {statement}: {reason}', status: 400, exitCode: EXIT.input },
  CP_ERR_CONFIG_INVALID: { message: 'configuration `{file}` at `{path}`: {reason}', status: 400, exitCode: EXIT.input },

  CP_ERR_LIVE_AUTH: { message: 'cannot authenticate to {provider}: {reason}', status: 502, exitCode: EXIT.auth },
  CP_ERR_LIVE_FAILED: { message: 'live collection from {provider} failed: {reason}', status: 502, exitCode: EXIT.unavailable },

  CP_ERR_QUERY_BOUND: { message: 'query parameter `{name}` must be between {min} and {max}', status: 400, exitCode: EXIT.usage },
  CP_ERR_QUERY_TIMEOUT: { message: 'query exceeded its time bound of {ms} ms', status: 503, exitCode: EXIT.unavailable },

  CP_ERR_REPORT_UNKNOWN: { message: 'unknown report `{name}`: expected one of {names}', status: 404, exitCode: EXIT.usage },
  CP_ERR_REPORT_RUN_NOT_FOUND: { message: 'no report run `{id}`', status: 404, exitCode: EXIT.notFound },
  CP_ERR_REPORT_FORMAT: { message: 'report `{name}` cannot be written as `{format}`', status: 400, exitCode: EXIT.usage },

  CP_ERR_AUTH_REQUIRED: { message: 'authentication required', status: 401, exitCode: EXIT.auth },
  CP_ERR_AUTH_INVALID: { message: 'invalid credentials: {reason}', status: 401, exitCode: EXIT.auth },
  CP_ERR_AUTH_FORBIDDEN: { message: 'role `{role}` may not {action}', status: 403, exitCode: EXIT.auth },
  CP_ERR_RATE_LIMITED: { message: 'rate limit exceeded, retry in {seconds} s', status: 429, exitCode: EXIT.unavailable },
  CP_ERR_API_NOT_FOUND: { message: 'no route `{method} {url}`', status: 404, exitCode: EXIT.notFound },
  CP_ERR_FEATURE_UNAVAILABLE: { message: '{feature} is not available in this server: {reason}', status: 501, exitCode: EXIT.unavailable },
  CP_ERR_TOKEN_NOT_FOUND: { message: 'no API token `{id}`', status: 404, exitCode: EXIT.notFound },
  CP_ERR_SERVE_UNSAFE_BIND: { message: 'refusing to listen on `{host}` without authentication: bind 127.0.0.1 or pass --auth-config', status: 400, exitCode: EXIT.usage },
} as const satisfies Record<string, ErrorSpec>

/** An error code. */
export type ErrorCode = keyof typeof ERRORS

/** Parameters substituted into an error message. */
export type ErrorParams = Readonly<Record<string, string | number>>

/** Fill `{name}` placeholders; unknown placeholders stay visible rather than vanish. */
export function formatErrorMessage(code: ErrorCode, params: ErrorParams): string {
  return ERRORS[code].message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  )
}

/** The one error class: a code from {@link ERRORS}, its params and an optional cause. */
export class CrownpathError extends Error {
  readonly code: ErrorCode
  readonly params: ErrorParams
  readonly status: number
  readonly exitCode: number

  constructor(code: ErrorCode, params: ErrorParams = {}, options?: { cause?: unknown }) {
    super(formatErrorMessage(code, params), options)
    this.name = 'CrownpathError'
    this.code = code
    this.params = params
    this.status = ERRORS[code].status
    this.exitCode = ERRORS[code].exitCode
  }
}

/** True when `value` is a {@link CrownpathError} (optionally of one code). */
export function isCrownpathError(value: unknown, code?: ErrorCode): value is CrownpathError {
  return value instanceof CrownpathError && (code === undefined || value.code === code)
}

/** A problem found in the data while loading or evaluating: reported, not thrown. */
export interface DataIssue {
  readonly severity: 'warning' | 'error'
  /** Where: file, policy id, record id. */
  readonly where: string
  readonly message: string
}
