/**
 * @module api/problem
 * One error handler: every failure leaves the server as an RFC 9457
 * `application/problem+json` document `{ type, title, status, detail, code }`.
 * https://www.rfc-editor.org/rfc/rfc9457
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { STATUS_CODES } from 'node:http'
import type { ErrorCode } from '../model/index.js'
import { CrownpathError, isCrownpathError } from '../model/index.js'

/** The problem document. */
export interface Problem {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail: string
  readonly code: ErrorCode
  readonly instance?: string
}

/** Problem type URI of a code: the docs anchor, stable as codes are never reused. */
export function problemType(code: ErrorCode): string {
  return `https://github.com/crownpath/crownpath/blob/main/docs/errors.md#${code.toLowerCase()}`
}

/** Build the problem of a CrownpathError. */
export function toProblem(error: CrownpathError, instance?: string): Problem {
  return {
    type: problemType(error.code),
    title: STATUS_CODES[error.status] ?? 'Error',
    status: error.status,
    detail: error.message,
    code: error.code,
    ...(instance ? { instance } : {}),
  }
}

/** Map anything thrown in a route to a CrownpathError. */
export function toCrownpathError(error: unknown): CrownpathError {
  if (isCrownpathError(error)) return error
  const fe = error as Partial<FastifyError> & { validation?: unknown }
  if (fe.validation) return new CrownpathError('CP_ERR_USAGE', { reason: `invalid request: ${fe.message ?? 'validation failed'}` })
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500
  if (status === 413) return new CrownpathError('CP_ERR_INPUT_TOO_LARGE', { file: 'request body', limit: 'configured' })
  if (status === 429) return new CrownpathError('CP_ERR_RATE_LIMITED', { seconds: 60 })
  if (status >= 400 && status < 500) {
    const wrapped = new CrownpathError('CP_ERR_USAGE', { reason: fe.message ?? 'bad request' })
    // Keep fastify's status (415, 406, ...) while using the generic code.
    Object.defineProperty(wrapped, 'status', { value: status })
    return wrapped
  }
  return new CrownpathError('CP_ERR_INTERNAL', { reason: 'unexpected failure (see server log)' }, { cause: error })
}

/** Send a problem reply. */
export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: CrownpathError): FastifyReply {
  return reply.code(error.status).type('application/problem+json').send(toProblem(error, request.url))
}

/** Install the error and not-found handlers on an instance. */
export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const mapped = toCrownpathError(error)
    if (mapped.status >= 500) request.log.error({ err: error }, 'request failed')
    if (mapped.code === 'CP_ERR_RATE_LIMITED' && !reply.hasHeader('retry-after')) reply.header('retry-after', '60')
    return sendProblem(reply, request, mapped)
  })
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, new CrownpathError('CP_ERR_API_NOT_FOUND', { method: request.method, url: request.url.split('?')[0] ?? request.url })),
  )
}
