import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EXIT } from '../../src/model/index.js'
import { emptyFakeAccount, startFakeAws } from '../fakes/aws-server.js'
import { cli } from './run.js'

const fixture = (p: string): string => fileURLToPath(new URL(`../fixtures/${p}`, import.meta.url))
const AUTH = [fixture('aws/basic/auth-details.raw.json'), fixture('aws/paginated/page-1.json'), fixture('aws/paginated/page-2.json')]

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crownpath-cli-ingest-aws-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

async function snapshotIds(db: string): Promise<string[]> {
  const list = await cli(['--db', db, '--format', 'json', 'snapshots', 'list'])
  return (JSON.parse(list.stdout) as { snapshots: { id: string }[] }).snapshots.map((s) => s.id)
}

describe('crownpath ingest aws', () => {
  it('ingests every offline AWS file and leak reports into one snapshot', async () => {
    const db = join(dir, 'c.db')
    const run = await cli([
      '--db', db, '--format', 'json', 'ingest', 'aws',
      '--auth-details', ...AUTH,
      '--resources', fixture('aws/resources/crownpath.json'),
      '--org', fixture('aws/org/org.json'),
      '--credential-report', fixture('aws/credentials/credential-report.csv'),
      '--access-keys', fixture('aws/credentials/access-keys.json'),
      '--leaks', fixture('leaks/gitleaks.json'), fixture('leaks/trufflehog.jsonl'),
    ])
    expect(run.code, run.stderr).toBe(0)
    const doc = JSON.parse(run.stdout) as { snapshot: { id: string; nodeCount: number }; issues: { message: string }[] }
    expect(doc.snapshot.nodeCount).toBeGreaterThan(0)
    expect(doc.issues.map((i) => i.message)).toContain('credential report user `ghost` is not in the authorization details')
    expect(run.stdout).not.toContain('wJalrXUtnFEMI')
    expect(await snapshotIds(db)).toEqual([doc.snapshot.id])
  })

  it('a malformed file among good ones fails with its path and leaves the store unchanged', async () => {
    const db = join(dir, 'c.db')
    const first = await cli(['--db', db, '--format', 'json', 'ingest', 'aws', '--auth-details', fixture('aws/basic/auth-details.cli.json')])
    expect(first.code, first.stderr).toBe(0)
    const before = await snapshotIds(db)
    const bad = fixture('aws/malformed/missing-arn.json')
    const run = await cli(['--db', db, '--format', 'json', 'ingest', 'aws', '--auth-details', ...AUTH, bad])
    expect(run.code).toBe(EXIT.input)
    expect(run.stderr).toContain(`\`${bad}\` at \`$.RoleDetailList[2].Arn\``)
    expect(run.stdout).toBe('')
    expect(await snapshotIds(db)).toEqual(before)
  })

  it('refuses a run with nothing to ingest', async () => {
    const run = await cli(['--db', join(dir, 'c.db'), 'ingest', 'aws', '--region', 'eu-west-1'])
    expect(run.code).toBe(EXIT.usage)
    expect(run.stderr).toContain('nothing to ingest')
  })

  it('--live collects from the endpoint given by --endpoint-url', async () => {
    const fake = await startFakeAws({
      ...emptyFakeAccount('111111111111'),
      authDetailsPages: [JSON.parse(await (await import('node:fs/promises')).readFile(fixture('aws/basic/auth-details.raw.json'), 'utf8')) as Record<string, unknown>],
      credentialReportCsv: 'user,arn,password_enabled,password_last_used,password_last_changed,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service\n',
      deniedServices: ['organizations'],
    })
    // The SDK's default credential chain reads the process environment: fake, loopback-only keys.
    const saved = { id: process.env['AWS_ACCESS_KEY_ID'], secret: process.env['AWS_SECRET_ACCESS_KEY'] }
    process.env['AWS_ACCESS_KEY_ID'] = 'AKIAFAKEFAKEFAKE0002'
    process.env['AWS_SECRET_ACCESS_KEY'] = 'fake-secret-not-real'
    try {
      const db = join(dir, 'c.db')
      const run = await cli(['--db', db, '--format', 'json', 'ingest', 'aws', '--live', '--endpoint-url', fake.endpoint, '--region', 'us-east-1', '--services', 'organizations,s3'])
      expect(run.code, run.stderr).toBe(0)
      const doc = JSON.parse(run.stdout) as { issues: { where: string; message: string }[] }
      expect(doc.issues).toContainEqual(expect.objectContaining({ where: 'live:aws:111111111111:organizations', message: expect.stringContaining('AccessDeniedException') }))
      expect(new Set(fake.calls.map((c) => c.service))).toEqual(new Set(['sts', 'iam', 'organizations', 's3']))
    } finally {
      if (saved.id === undefined) delete process.env['AWS_ACCESS_KEY_ID']
      else process.env['AWS_ACCESS_KEY_ID'] = saved.id
      if (saved.secret === undefined) delete process.env['AWS_SECRET_ACCESS_KEY']
      else process.env['AWS_SECRET_ACCESS_KEY'] = saved.secret
      await fake.close()
    }
  }, 30_000)
})

describe('crownpath ingest leaks', () => {
  it('ingests gitleaks and TruffleHog reports', async () => {
    const db = join(dir, 'c.db')
    const run = await cli(['--db', db, '--format', 'json', 'ingest', 'leaks', '--gitleaks', fixture('leaks/gitleaks.json'), '--trufflehog', fixture('leaks/trufflehog.jsonl')])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).not.toContain('wJalrXUtnFEMI')
    expect(await snapshotIds(db)).toHaveLength(1)
  })
})
