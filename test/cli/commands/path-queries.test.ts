import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../../src/cli/main.js'
import { openMemoryStore } from '../../../src/graph/index.js'
import { emptyInventory } from '../../../src/model/index.js'
import { buildSnapshot } from '../../conformance/case-graph.js'
import { caseGraph } from '../../api/helpers.js'

/** Run the CLI in-process and capture its output. */
async function cli(db: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(['--db', db, ...argv], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTty: false, env: {} })
  return { code, stdout, stderr }
}

describe('path query commands', () => {
  let dir: string
  let db: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crownpath-cli-'))
    db = join(dir, 'test.db')
    const store = openMemoryStore({ path: db })
    // The min-cut case graph plus a tier-zero account that r3 administers.
    const graph = caseGraph('min-cut')
    const content = buildSnapshot({
      nodes: [...graph.nodes, { id: 'acct', kind: 'AWSAccount' }, { id: 'boss', kind: 'AWSRole', isTierZero: true }],
      edges: [...graph.edges, { from: 'r3', to: 'acct', kind: 'AdminTo', cost: 1 }, { from: 'boss', to: 'acct', kind: 'AdminTo', cost: 1 }],
    })
    await store.writeSnapshot({ nodes: content.nodes, edges: content.edges, inventory: emptyInventory(), issues: [] })
    await store.close()
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('path --format json prints the contract and nothing else', async () => {
    const r = await cli(db, 'path', '--from', 'exposed', '--to', 'crown-jewels', '--k', '2', '--format', 'json')
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.stdout)
    expect(Object.keys(doc).sort()).toEqual(['paths', 'truncated'])
    expect(doc.paths.map((p: { cost: number }) => p.cost)).toEqual([2, 2])
    expect(Object.keys(doc.paths[0]).sort()).toEqual(['cost', 'hops'])
    expect(Object.keys(doc.paths[0].hops[0]).sort()).toEqual(['conditions', 'evidence', 'from', 'kind', 'technique', 'to'])
  })

  it('path with no path → paths [] and exit 0', async () => {
    const r = await cli(db, 'path', '--from', 'bucket', '--to', 'key', '--format', 'json')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({ paths: [], truncated: false })
  })

  it('path with an unknown id → non-zero exit and the id on stderr', async () => {
    const r = await cli(db, 'path', '--from', 'ghost', '--to', 'tier0', '--format', 'json')
    expect(r.code).not.toBe(0)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('CP_ERR_NODE_NOT_FOUND')
    expect(r.stderr).toContain('ghost')
  })

  it('path --format table', async () => {
    const r = await cli(db, 'path', '--from', 'key', '--to', 'bucket', '--exclude-conditional', '--max-depth', '6')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('-[CanAssume]-> r1 (pol-g #2)')
  })

  it('bad --k is a usage error', async () => {
    const r = await cli(db, 'path', '--from', 'key', '--to', 'bucket', '--k', 'many')
    expect(r.code).toBe(2)
  })

  it('privesc --format json follows the contract', async () => {
    const r = await cli(db, 'privesc', '--format', 'json')
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.stdout)
    expect(doc.admins).toEqual(['boss'])
    expect(doc.findings.map((f: { principal: string }) => f.principal)).toEqual(['r3', 'u'])
    expect(Object.keys(doc.findings[1]).sort()).toEqual(['hops', 'principal', 'target'])
    expect(doc.findings[1].hops.map((h: { to: string }) => h.to)).toEqual(['r3', 'acct'])
    expect(Object.keys(doc.findings[1].hops[0]).sort()).toEqual(['evidence', 'from', 'kind', 'technique', 'to'])
    expect(doc.findings[1].target).toBe('acct')
  })

  it('blast-radius, who-can and choke-points', async () => {
    const br = await cli(db, 'blast-radius', '--from', 'key', '--format', 'json')
    expect(br.code).toBe(0)
    expect(JSON.parse(br.stdout).tierZero).toEqual(['acct'])
    const wc = await cli(db, 'who-can', '--to', 'bucket', '--access-level', 'Write', '--format', 'json')
    expect(JSON.parse(wc.stdout).entries.map((e: { id: string }) => e.id)).toContain('r2')
    const badLevel = await cli(db, 'who-can', '--to', 'bucket', '--access-level', 'Everything')
    expect(badLevel.code).toBe(2)
    const cp = await cli(db, 'choke-points', '--from', 'exposed', '--to', 'crown-jewels', '--format', 'json')
    const doc = JSON.parse(cp.stdout)
    expect(doc.minCut.value).toBe(3)
    expect(doc.chokePoints.chokePoints[0].edge.id).toBe('key|AuthenticatesAs|-|u')
    const text = await cli(db, 'choke-points', '--from', 'exposed', '--to', 'crown-jewels')
    expect(text.stdout).toContain('change pol-g statement 2')
  })

  it('tokens create, list and revoke', async () => {
    const created = await cli(db, 'tokens', 'create', '--role', 'analyst', '--name', 'ci', '--format', 'json')
    expect(created.code).toBe(0)
    const token = JSON.parse(created.stdout).token as string
    expect(token).toMatch(/^cpt_[A-Za-z0-9_-]{43}$/)
    const listed = await cli(db, 'tokens', 'list', '--format', 'json')
    expect(listed.stdout).not.toContain(token)
    expect(JSON.parse(listed.stdout).tokens.map((t: { name: string }) => t.name)).toEqual(['ci'])
    expect((await cli(db, 'tokens', 'revoke', 'ci')).code).toBe(0)
    expect((await cli(db, 'tokens', 'revoke', 'nobody')).code).not.toBe(0)
    expect((await cli(db, 'tokens', 'create', '--role', 'root', '--name', 'x')).code).toBe(2)
  })

  it('serve refuses a non-loopback bind without auth', async () => {
    const r = await cli(db, 'serve', '--host', '0.0.0.0', '--port', '0')
    expect(r.code).not.toBe(0)
    expect(r.stderr).toContain('CP_ERR_SERVE_UNSAFE_BIND')
  })
})
