import { describe, expect, it } from 'vitest'
import { SCALES, buildOrganisation } from '../../src/generate/index.js'

type Json = Record<string, unknown>

describe('synthetic organisation generator', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = JSON.stringify(buildOrganisation('S', 7).files)
    const b = JSON.stringify(buildOrganisation('S', 7).files)
    const c = JSON.stringify(buildOrganisation('S', 8).files)
    expect(a).toBe(b)
    expect(a).not.toBe(c)
  })

  it('writes the S scale in the real shapes with the documented sizes', () => {
    const { files, counts, manifest } = buildOrganisation('S', 1)
    const scale = SCALES.S.aws
    const details = Object.entries(files).filter(([k]) => k.startsWith('aws/auth-details-'))
    expect(details).toHaveLength(scale.accounts)
    let principals = 0
    let rawEncoded = 0
    for (const [, d] of details) {
      const doc = d as Json
      principals += (doc['UserDetailList'] as unknown[]).length + (doc['RoleDetailList'] as unknown[]).length
      const role = (doc['RoleDetailList'] as Json[])[0]!
      if (typeof role['AssumeRolePolicyDocument'] === 'string') {
        rawEncoded++
        expect(JSON.parse(decodeURIComponent(role['AssumeRolePolicyDocument'] as string))).toHaveProperty('Statement')
      }
    }
    expect(principals).toBe(scale.principals)
    expect(rawEncoded).toBe(1)
    expect(((files['aws/resources.json'] as Json)['resources'] as unknown[]).length).toBe(scale.resources)
    expect(counts['aws.privescSeeded']).toBe(scale.privescPrincipals)
    expect(counts['aws.exposedKeys']).toBeGreaterThan(0)
    expect((files['leaks/gitleaks.json'] as unknown[]).length).toBe(counts['aws.exposedKeys'])
    const azure = files['azure/azurehound.json'] as { data: { kind: string }[]; meta: { type: string; count: number } }
    expect(azure.meta).toMatchObject({ type: 'azure', count: azure.data.length })
    expect(new Set(azure.data.map((r) => r.kind))).toContain('AZVM')
    expect(manifest.loaders.map((l) => l.loader)).toEqual(['aws-auth-details', 'azurehound', 'leaks'])
  })

  it('gives every break-glass user the tag and no access key', () => {
    const { files } = buildOrganisation('S', 3)
    const keys = (files['aws/access-keys.json'] as { AccessKeyMetadata: Json[] }[]).flatMap((d) => d.AccessKeyMetadata.map((k) => k['UserName']))
    for (const [name, d] of Object.entries(files)) {
      if (!name.startsWith('aws/auth-details-')) continue
      const users = ((d as Json)['UserDetailList'] as Json[]).filter((u) => u['UserName'] === 'breakglass-admin')
      expect(users).toHaveLength(1)
      expect(users[0]!['Tags']).toEqual([{ Key: 'crownpath:break-glass', Value: 'true' }])
    }
    expect(keys).not.toContain('breakglass-admin')
  })
})
