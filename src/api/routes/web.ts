/**
 * @module api/routes/web
 * The static web page (built into dist/web by scripts/build-web.mjs) at `/`
 * and `/web/*`. Public, like /docs: the page itself holds no data; its API
 * calls carry the user's token.
 */
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { FastifyPluginAsync } from 'fastify'
import { CrownpathError } from '../../model/index.js'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
}

/** Serve files of `webRoot` (when set). */
export const webRoutes: FastifyPluginAsync<{ webRoot: string | null }> = async (app, { webRoot }) => {
  if (!webRoot) return
  const root = normalize(webRoot)
  const send = async (file: string): Promise<{ body: Buffer; type: string }> => {
    const full = normalize(join(root, file))
    // No escaping the web root with `..`.
    if (full !== root && !full.startsWith(root + sep)) throw new CrownpathError('CP_ERR_API_NOT_FOUND', { method: 'GET', url: `/web/${file}` })
    try {
      return { body: await readFile(full), type: TYPES[extname(full)] ?? 'application/octet-stream' }
    } catch {
      throw new CrownpathError('CP_ERR_API_NOT_FOUND', { method: 'GET', url: `/web/${file}` })
    }
  }
  app.get('/', { schema: { hide: true } }, async (_request, reply) => {
    const { body, type } = await send('index.html')
    return reply.type(type).send(body)
  })
  app.get<{ Params: { '*': string } }>('/web/*', { schema: { hide: true } }, async (request, reply) => {
    const { body, type } = await send(request.params['*'])
    return reply.type(type).send(body)
  })
}
