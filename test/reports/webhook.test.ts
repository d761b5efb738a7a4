import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { postWebhook } from '../../src/reports/index.js'

const servers: { close(): void }[] = []
afterEach(() => servers.splice(0).forEach((s) => s.close()))

/** A receiver on loopback that answers with the given statuses in turn, recording bodies. */
async function receiver(statuses: number[]): Promise<{ url: string; bodies: unknown[] }> {
  const bodies: unknown[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      bodies.push(JSON.parse(body))
      res.statusCode = statuses.shift() ?? 200
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  servers.push(server)
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies }
}

describe('webhook delivery', () => {
  it('retries after a 500 and delivers on the second attempt', async () => {
    const r = await receiver([500, 200])
    const sleeps: number[] = []
    const result = await postWebhook({ url: r.url, retries: 3, backoffMs: 100 }, { job: 'nightly' }, async (ms) => void sleeps.push(ms))
    expect(result).toMatchObject({ delivered: true, attempts: 2, status: 200 })
    expect(r.bodies).toEqual([{ job: 'nightly' }, { job: 'nightly' }])
    expect(sleeps).toEqual([100])
  })

  it('gives up after the retry budget and does not retry a 400', async () => {
    const failing = await receiver([503, 503, 503])
    const gaveUp = await postWebhook({ url: failing.url, retries: 2, backoffMs: 1 }, {}, async () => {})
    expect(gaveUp).toMatchObject({ delivered: false, attempts: 3, status: 503 })
    const rejected = await receiver([400])
    const final = await postWebhook({ url: rejected.url, retries: 5, backoffMs: 1 }, {}, async () => {})
    expect(final).toMatchObject({ delivered: false, attempts: 1, status: 400 })
  })
})
