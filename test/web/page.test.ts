/**
 * @module test/web/page
 * The web page in a real browser: Debian's chromium driven by playwright-core
 * against `buildServer` over the demo organisation, listening on 127.0.0.1.
 * Expected ids come from examples/demo/README.md (the seeded paths), not from
 * running the code. Chromium is required in CI (the test fails there without
 * it) and skipped loudly elsewhere.
 *
 * `CROWNPATH_WEB_SCREENSHOTS=<dir>` saves a screenshot of each state there,
 * for looking at the page by eye.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import type { BrowserContext, Page } from 'playwright-core'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildServer, createEngineCache } from '../../src/api/index.js'
import type { GraphStore } from '../../src/graph/index.js'
import { openMemoryStore } from '../../src/graph/index.js'
import { ingestDemo } from '../../src/ingest/index.js'

const CHROMIUM = '/usr/bin/chromium'
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const WEB_ROOT = join(ROOT, 'dist', 'web')

/** Demo ids (examples/demo/README.md, AWS seeded path 1 and the privesc list). */
const LEAKED_KEY = 'AKIAEXAMPLEDEMO0LEAK'
const CI_LEGACY = 'arn:aws:iam::111111111111:user/ci-legacy'
const LAMBDA_OPS_ADMIN = 'arn:aws:iam::111111111111:role/lambda-ops-admin'
const DEV_DAN = 'arn:aws:iam::111111111111:user/dev-dan'
const ML_ENG_MAYA = 'arn:aws:iam::111111111111:user/ml-eng-maya'
const DS_SARA = 'arn:aws:iam::222222222222:user/ds-sara'
const MODEL_BUCKET = 'arn:aws:s3:::acme-model-artifacts'

const screenshotDir = process.env.CROWNPATH_WEB_SCREENSHOTS

if (!existsSync(CHROMIUM)) {
  if (process.env.CI) {
    describe('web page', () => {
      it('runs in CI: chromium must be installed at /usr/bin/chromium (.ci/run installs it)', () => {
        throw new Error(`${CHROMIUM} is missing in CI: the browser tests must run here, never be skipped (apt-get install -y chromium)`)
      })
    })
  } else {
    console.warn(`\n*** test/web/page.test.ts SKIPPED: ${CHROMIUM} is missing. Install it with \`apt-get install -y chromium\` to run the browser tests. ***\n`)
    describe.skip('web page (chromium missing)', () => {
      it('needs chromium', () => undefined)
    })
  }
} else {
  describe('web page in chromium', () => {
    let store: GraphStore
    let app: FastifyInstance
    let baseUrl: string
    let context: BrowserContext
    let userDataDir: string
    /** Uncaught page errors and CSP refusals, from every page opened. */
    const pageProblems: string[] = []

    beforeAll(async () => {
      // The test checks the current source: bundle it (esbuild, well under a second) even when `npm run build` ran.
      execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-web.mjs')], { cwd: ROOT, stdio: 'inherit' })
      if (!existsSync(join(WEB_ROOT, 'app.js'))) throw new Error(`scripts/build-web.mjs did not produce ${WEB_ROOT}/app.js`)

      store = openMemoryStore({ path: ':memory:' })
      await ingestDemo(store, { now: new Date('2026-11-27T10:00:00Z') })
      const engines = createEngineCache(store)
      app = await buildServer({ store, openEngine: engines.openEngine, config: { auth: null, webRoot: WEB_ROOT } })
      baseUrl = await app.listen({ host: '127.0.0.1', port: 0 })

      userDataDir = mkdtempSync(join(tmpdir(), 'crownpath-chromium-'))
      context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM,
        headless: true,
        args: [
          '--headless=new',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
        viewport: { width: 1400, height: 1000 },
      })
      if (screenshotDir) mkdirSync(screenshotDir, { recursive: true })
    })

    afterAll(async () => {
      await context?.close()
      await app?.close()
      await store?.close()
      if (userDataDir) rmSync(userDataDir, { recursive: true, force: true })
    })

    /** Open the page (SVG drawing forced unless `flags` says otherwise) and wait for the snapshot line. */
    async function openPage(flags = '?svg=1'): Promise<Page> {
      const page = await context.newPage()
      page.on('pageerror', (error) => pageProblems.push(`page error: ${error.message}`))
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) pageProblems.push(`console: ${message.text()}`)
      })
      await page.goto(`${baseUrl}/${flags}`)
      await page.locator('#snapshot', { hasText: 'snapshot' }).waitFor()
      return page
    }

    async function snap(page: Page, name: string): Promise<void> {
      if (screenshotDir) await page.screenshot({ path: join(screenshotDir, `crownpath-web-${name}.png`), fullPage: true })
    }

    /** The [from, to] ids of every row of the hop tables. */
    async function hopIds(page: Page): Promise<string[][]> {
      return page.$$eval('#details table.hops tbody tr', (rows) => rows.map((row) => [(row as HTMLTableRowElement).cells[0]!.textContent ?? '', (row as HTMLTableRowElement).cells[2]!.textContent ?? '']))
    }

    it('serves the page with every input labelled and the demo snapshot named', async () => {
      const page = await openPage()
      expect(await page.locator('#snapshot').textContent()).toContain('demo')
      const unlabelled = await page.$$eval('input', (inputs) => inputs.filter((i) => !(i as HTMLInputElement).labels?.length && !i.getAttribute('aria-label')).map((i) => i.id))
      expect(unlabelled).toEqual([])
      // The legend of the SVG drawing (the one `?svg=1` forces).
      expect(await page.locator('#legend').textContent()).toContain('unresolved conditions')
      await page.close()
    })

    it('path query: leaked key → tier0 lists the hops of seeded path 1 and draws them as SVG', async () => {
      const page = await openPage()
      await page.getByLabel('From', { exact: true }).fill(LEAKED_KEY)
      await page.getByLabel('To', { exact: true }).fill('tier0')
      await page.getByLabel('Number of paths').fill('1')
      await page.getByRole('button', { name: 'Find paths' }).click()
      await page.locator('#details table.hops').first().waitFor()

      expect(await page.locator('#status').textContent()).toBe('1 path')
      expect(await hopIds(page)).toEqual([
        [LEAKED_KEY, CI_LEGACY],
        [CI_LEGACY, LAMBDA_OPS_ADMIN],
      ])
      const hopTable = (await page.locator('#details table.hops').textContent()) ?? ''
      expect(hopTable).toContain('aws/passrole-compute/lambda-create-invoke')
      // README path 1 evidence: the inline policy legacy-deploy of ci-legacy.
      expect(hopTable).toContain('legacy-deploy')

      const graph = page.locator('#graph')
      expect(await graph.getAttribute('data-renderer')).toBe('svg')
      expect(await graph.isVisible()).toBe(true)
      expect(await page.locator('#graph svg').count()).toBe(1)
      const svgText = (await page.locator('#graph svg').textContent()) ?? ''
      for (const label of [LEAKED_KEY, 'ci-legacy', 'lambda-ops-admin', 'AWSUser', 'AWSRole']) expect(svgText).toContain(label)
      const box = await page.locator('#graph svg').boundingBox()
      expect(box?.width ?? 0).toBeGreaterThan(300)
      await snap(page, 'path')
      await page.close()
    })

    it('search shows nodes, and a result fills the path form', async () => {
      const page = await openPage()
      await page.getByLabel('Search', { exact: true }).fill('ds-')
      await page.getByRole('button', { name: 'Search', exact: true }).click()
      await page.locator('#details table.nodes').waitFor()
      const ids = await page.$$eval('#details table.nodes tbody tr', (rows) => rows.map((row) => (row as HTMLTableRowElement).cells[2]!.textContent ?? ''))
      expect(ids).toContain(DS_SARA)
      expect(ids).toContain('arn:aws:iam::222222222222:user/ds-tom')
      expect(await page.locator('#status').textContent()).toMatch(/^\d+ nodes?/)
      await page.getByRole('button', { name: `use as path start: ${DS_SARA}`, exact: true }).click()
      expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe(DS_SARA)
      await snap(page, 'search')
      await page.close()
    })

    it('an unknown id shows the API error message', async () => {
      const page = await openPage()
      const ghost = 'arn:aws:iam::111111111111:user/ghost'
      await page.getByLabel('From', { exact: true }).fill(ghost)
      await page.getByRole('button', { name: 'Find paths' }).click()
      const status = page.locator('#status.error')
      await status.waitFor()
      // CP_ERR_NODE_NOT_FOUND's message (docs/errors.md), as the problem document's `detail`.
      expect(await status.textContent()).toBe(`no node with id \`${ghost}\``)
      expect(await page.locator('#graph').isVisible()).toBe(false)
      expect(await page.locator('#details table').count()).toBe(0)
      await snap(page, 'error')
      await page.close()
    })

    it('blast radius of ml-eng-maya reaches tier zero and the restricted model bucket', async () => {
      // README path 4: maya reaches admin of 222222222222, and an account's admin reaches everything in it (DESIGN.md).
      const page = await openPage()
      await page.getByLabel('Principal or credential').fill(ML_ENG_MAYA)
      await page.getByRole('button', { name: 'Show reach' }).click()
      await page.locator('#details table.reach').waitFor()
      const rows = await page.$$eval('#details table.reach tbody tr', (trs) => trs.map((tr) => [(tr as HTMLTableRowElement).cells[1]!.textContent ?? '', (tr as HTMLTableRowElement).cells[2]!.textContent ?? '']))
      expect(rows).toContainEqual([MODEL_BUCKET, 'restricted'])
      expect(rows).toContainEqual(['arn:aws:iam::222222222222:root', ''])
      expect(await page.locator('#status').textContent()).toMatch(/^score \d.* tier zero reached [1-9]/)
      expect(await page.locator('#graph svg').count()).toBeGreaterThan(0)
      await snap(page, 'blast')
      await page.close()
    })

    it('privilege escalation lists the README principals', async () => {
      const page = await openPage()
      await page.getByRole('button', { name: 'Show findings' }).click()
      await page.locator('#details table.hops').first().waitFor()
      const headings = await page.$$eval('#details h3', (hs) => hs.map((h) => h.textContent ?? ''))
      for (const principal of [CI_LEGACY, DEV_DAN, ML_ENG_MAYA]) expect(headings.some((h) => h.startsWith(`${principal} → `)), principal).toBe(true)
      expect(await page.locator('#status').textContent()).toMatch(/can escalate/)
      await snap(page, 'privesc')
      await page.close()
    })

    it('without ?svg=1 the page still draws (WebGL canvas or the SVG fallback)', async () => {
      const page = await openPage('')
      await page.getByLabel('From', { exact: true }).fill(LEAKED_KEY)
      await page.getByRole('button', { name: 'Find paths' }).click()
      await page.locator('#details table.hops').first().waitFor()
      const renderer = await page.locator('#graph').getAttribute('data-renderer')
      expect(['svg', 'webgl']).toContain(renderer)
      expect(await page.locator(renderer === 'svg' ? '#graph svg' : '#graph canvas').count()).toBeGreaterThan(0)
      await snap(page, `path-${renderer}`)
      await page.close()
    })

    it('raised no page errors and no CSP refusals', () => {
      expect(pageProblems).toEqual([])
    })
  })
}
