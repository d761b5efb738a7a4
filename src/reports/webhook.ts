/**
 * @module reports/webhook
 * POST a run summary to a webhook with bounded retries and backoff. The
 * summary carries counts and titles, never evidence documents or secrets.
 */

/** Webhook settings. */
export interface WebhookConfig {
  readonly url: string
  /** Extra attempts after the first (default 3). */
  readonly retries?: number
  /** First backoff in ms, doubled each retry (default 1000). */
  readonly backoffMs?: number
  /** Per-attempt timeout in ms (default 10 000). */
  readonly timeoutMs?: number
  readonly headers?: Readonly<Record<string, string>>
}

/** Outcome of a delivery. */
export interface WebhookResult {
  readonly delivered: boolean
  readonly attempts: number
  readonly status: number | null
  readonly error: string | null
}

/** Injected so tests do not wait. */
export type Sleep = (ms: number) => Promise<void>

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Deliver `payload` as JSON; retries network errors, 429 and 5xx; 4xx other than 429 is final. */
export async function postWebhook(config: WebhookConfig, payload: unknown, sleep: Sleep = realSleep): Promise<WebhookResult> {
  const retries = config.retries ?? 3
  let backoff = config.backoffMs ?? 1000
  let lastStatus: number | null = null
  let lastError: string | null = null
  for (let attempt = 1; attempt <= retries + 1; attempt++) {
    try {
      const response = await fetch(config.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'crownpath-scheduler', ...(config.headers ?? {}) },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
      })
      lastStatus = response.status
      await response.arrayBuffer()
      if (response.ok) return { delivered: true, attempts: attempt, status: response.status, error: null }
      lastError = `HTTP ${response.status}`
      if (response.status < 500 && response.status !== 429) return { delivered: false, attempts: attempt, status: response.status, error: lastError }
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error)
    }
    if (attempt <= retries) {
      await sleep(backoff)
      backoff *= 2
    }
  }
  return { delivered: false, attempts: retries + 1, status: lastStatus, error: lastError }
}
