import { describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadLeaks } from '../../../loaders/leaks/index.js'

const fixture = (p: string): string => fileURLToPath(new URL(`../../fixtures/leaks/${p}`, import.meta.url))
const SECRETS = [
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  'abc8Q~Fake.Secret-Value_0123456789abcdefgh',
  'xoxb-0000000000-fake-slack-token',
  'aws_access_key_id =',
  'AWS_ACCESS_KEY_ID=',
]

describe('gitleaks', () => {
  it('extracts key ids with their locations and drops Secret/Match', async () => {
    const part = await loadLeaks({ gitleaks: [fixture('gitleaks.json')], repository: 'https://github.com/example/infra.git' })
    expect(part.leaks).toEqual([
      {
        credentialId: 'AKIAIOSFODNN7EXAMPLE',
        provider: 'aws',
        locations: [
          { scanner: 'gitleaks', repository: 'https://github.com/example/infra.git', file: 'deploy/config.ini', commit: '1b6da43b82b22e4eaa10bcf8ee591e91abbfc587', line: 12, rule: 'aws-access-token', date: '2026-10-02T14:11:00Z' },
          { scanner: 'gitleaks', repository: 'https://github.com/example/infra.git', file: 'scripts/ci.sh', commit: '9c3fe1d2a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5', line: 3, rule: 'aws-access-token', date: '2026-11-01T09:00:00Z' },
        ],
      },
      {
        credentialId: '6c12b0b0-2222-4a6b-8f00-0000000000ab',
        provider: 'azure',
        locations: [{ scanner: 'gitleaks', repository: 'https://github.com/example/infra.git', file: 'infra/.env', commit: '9c3fe1d2a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5', line: 7, rule: 'azure-ad-client-secret', date: null }],
      },
    ])
    // The secret key alone names no credential: a warning, without its content.
    expect(part.issues).toEqual([{ severity: 'warning', where: `${fixture('gitleaks.json')} $[1]`, message: 'gitleaks finding of rule `generic-api-key` in `deploy/config.ini` carries no credential id: skipped' }])
    const json = JSON.stringify(part)
    for (const secret of SECRETS) expect(json).not.toContain(secret)
  })
})

describe('trufflehog', () => {
  it('reads JSON lines from git, filesystem and GitHub sources and never keeps Raw', async () => {
    const part = await loadLeaks({ trufflehog: [fixture('trufflehog.jsonl')] })
    expect(new Set(part.leaks!.map((l) => `${l.provider}:${l.credentialId}`))).toEqual(
      new Set(['aws:AKIAI44QH8DHBEXAMPLE', 'aws:AKIAIOSFODNN7EXAMPLE', 'azure:6c12b0b0-2222-4a6b-8f00-0000000000ab']),
    )
    expect(part.leaks!.find((l) => l.credentialId === 'AKIAI44QH8DHBEXAMPLE')!.locations).toEqual([
      { scanner: 'trufflehog', repository: 'https://github.com/example/infra.git', file: 'terraform/main.tf', commit: '0416560b1330d8ac42045813251d85c688717eaf', line: 4, rule: 'AWS', date: '2026-09-15 12:00:00 +0000' },
    ])
    expect(part.leaks!.find((l) => l.credentialId === 'AKIAIOSFODNN7EXAMPLE')!.locations).toEqual([
      { scanner: 'trufflehog', repository: null, file: '/home/dev/.aws/credentials', commit: null, line: 2, rule: 'AWS', date: null },
    ])
    expect(part.issues!.map((i) => i.message)).toEqual(['TruffleHog finding of detector `Slack` carries no credential id: skipped'])
    const json = JSON.stringify(part)
    for (const secret of SECRETS) expect(json).not.toContain(secret)
  })

  it('merges locations of one key across gitleaks and TruffleHog', async () => {
    const part = await loadLeaks({ gitleaks: [fixture('gitleaks.json')], trufflehog: [fixture('trufflehog.jsonl')] })
    const key = part.leaks!.find((l) => l.credentialId === 'AKIAIOSFODNN7EXAMPLE')!
    expect(key.locations.map((l) => `${l.scanner}:${l.file}`)).toEqual(['gitleaks:deploy/config.ini', 'gitleaks:scripts/ci.sh', 'trufflehog:/home/dev/.aws/credentials'])
    expect(part.sources!.map((s) => s.loader)).toEqual(['leaks', 'leaks'])
  })
})

describe('malformed reports', () => {
  it('a TruffleHog line that is not JSON names the line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cp-leaks-'))
    const file = join(dir, 't.jsonl')
    await writeFile(file, '{"DetectorName":"AWS","SourceMetadata":{"Data":{}}}\n{"DetectorName": "AWS", \n')
    await expect(loadLeaks({ trufflehog: [file] })).rejects.toMatchObject({ code: 'CP_ERR_INPUT_JSON', message: expect.stringContaining('line 2:') })
  })

  it('a gitleaks finding without RuleID names the path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cp-leaks-'))
    const file = join(dir, 'g.json')
    await writeFile(file, JSON.stringify([{ RuleID: 'x', File: 'a' }, { File: 'b', Secret: 'AKIAIOSFODNN7EXAMPLE' }]))
    await expect(loadLeaks({ gitleaks: [file] })).rejects.toMatchObject({ code: 'CP_ERR_INPUT_SHAPE', message: `\`${file}\` at \`$[1].RuleID\`: expected a \`RuleID\` field (required, missing)` })
  })

  it('a gitleaks report that is an object is refused at the first byte', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cp-leaks-'))
    const file = join(dir, 'g.json')
    await writeFile(file, '{"findings": []}')
    await expect(loadLeaks({ gitleaks: [file] })).rejects.toMatchObject({ code: 'CP_ERR_INPUT_JSON', message: expect.stringContaining('expected `[`') })
  })
})
