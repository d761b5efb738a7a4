import { describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { collectAwsLiveFromArgs, loadAwsFromArgs } from '../../../loaders/aws/index.js'
import { loadLeaksFromArgs } from '../../../loaders/leaks/index.js'

const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url))

describe('loadAwsFromArgs', () => {
  it('resolves relative paths against cwd and loads every AWS key together', async () => {
    const part = await loadAwsFromArgs({ authDetails: ['aws/basic/auth-details.cli.json'], resources: 'aws/resources/ec2-instances.json' }, { cwd: fixtures })
    expect(part.sources!.map((s) => s.location)).toEqual([`${fixtures}aws/basic/auth-details.cli.json`, `${fixtures}aws/resources/ec2-instances.json`])
    expect(part.aws!.resources!.find((r) => r.arn.endsWith('i-1234567890abcdef0'))!.runsAs).toEqual(['arn:aws:iam::111111111111:role/app-role'])
  })

  it('applies --max-input-mb', async () => {
    await expect(loadAwsFromArgs({ authDetails: 'aws/basic/auth-details.cli.json', maxInputMb: '0.001' }, { cwd: fixtures })).rejects.toMatchObject({ code: 'CP_ERR_INPUT_TOO_LARGE', message: expect.stringContaining('larger than the 1048 bytes limit') })
    await expect(loadAwsFromArgs({ authDetails: 'x.json', maxInputMb: 'lots' }, { cwd: fixtures })).rejects.toMatchObject({ code: 'CP_ERR_USAGE' })
  })

  it('refuses credentials without the users they attach to, and rows without their key', async () => {
    await expect(loadAwsFromArgs({ credentialReport: 'aws/credentials/credential-report.csv' }, { cwd: fixtures }, 'credentialReport')).rejects.toMatchObject({ code: 'CP_ERR_USAGE', message: expect.stringContaining('--auth-details') })
    await expect(loadAwsFromArgs({ authDetails: 'aws/basic/auth-details.cli.json' }, { cwd: fixtures }, 'org')).rejects.toMatchObject({ code: 'CP_ERR_USAGE', message: 'nothing to ingest: give `--org`' })
    await expect(loadAwsFromArgs({}, { cwd: fixtures })).rejects.toMatchObject({ code: 'CP_ERR_USAGE' })
  })

  it('rejects an unknown live service before any call', async () => {
    await expect(collectAwsLiveFromArgs({ services: 's3,dynamodb' }, { cwd: fixtures })).rejects.toMatchObject({ code: 'CP_ERR_USAGE', message: expect.stringContaining('`dynamodb`') })
  })
})

describe('loadLeaksFromArgs', () => {
  it('auto-detects the scanner of --leaks files', async () => {
    const part = await loadLeaksFromArgs({ leaks: ['leaks/trufflehog.jsonl', 'leaks/gitleaks.json'] }, { cwd: fixtures })
    expect(new Set(part.leaks!.flatMap((l) => l.locations.map((x) => x.scanner)))).toEqual(new Set(['gitleaks', 'trufflehog']))
  })
})
