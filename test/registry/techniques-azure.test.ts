/**
 * Consistency of the Azure technique table with its files, case files and
 * the kind table (STYLE.md R1).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isEdgeKind } from '../../src/model/index.js'
import { AZURE_TECHNIQUES } from '../../src/techniques/azure/index.js'

const SRC = join(import.meta.dirname, '../../src/techniques/azure')
const CASES = join(import.meta.dirname, '../cases/techniques/azure')
/** Files in src/techniques/azure that are infrastructure, not techniques. */
const INFRASTRUCTURE = new Set(['index.ts', 'context.ts', 'shared.ts', 'derive-azure.ts', 'role-holdings.ts'])

describe('AZURE_TECHNIQUES', () => {
  it('has unique ids of the form azure/<file name>, one per technique file', () => {
    const ids = AZURE_TECHNIQUES.map((t) => t.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) {
      expect(id).toMatch(/^azure\/[a-z0-9-]+$/)
      expect(existsSync(join(SRC, `${id.slice('azure/'.length)}.ts`)), `${id} has no file`).toBe(true)
    }
    const files = readdirSync(SRC).filter((f) => f.endsWith('.ts') && !INFRASTRUCTURE.has(f))
    expect(files.map((f) => `azure/${f.slice(0, -3)}`).sort()).toEqual([...ids].sort())
  })

  it('declares provider azure, a known edge kind, a BloodHound or other catalogue mapping and full help text', () => {
    for (const t of AZURE_TECHNIQUES) {
      expect(t.provider).toBe('azure')
      expect(isEdgeKind(t.edgeKind), `${t.id} edge kind ${t.edgeKind}`).toBe(true)
      expect(Object.keys(t.seeAlso).length, `${t.id} seeAlso`).toBeGreaterThan(0)
      expect(t.requires.length).toBeGreaterThan(0)
      for (const part of ['general', 'abuse', 'opsec', 'remediation'] as const) expect(t.text[part].length, `${t.id} text.${part}`).toBeGreaterThan(0)
      expect(t.text.references.length).toBeGreaterThan(0)
      expect(Number.isInteger(t.cost) && t.cost >= 0).toBe(true)
    }
  })

  it('has a case file per technique with at least one positive and one negative case', () => {
    const caseFiles = readdirSync(CASES).filter((f) => f.endsWith('.json'))
    for (const t of AZURE_TECHNIQUES) {
      const file = `${t.id.slice('azure/'.length)}.json`
      expect(caseFiles, `${t.id} has no case file`).toContain(file)
      const data = JSON.parse(readFileSync(join(CASES, file), 'utf8')) as {
        technique: string
        cases: { expect: { edges: unknown[]; absent: unknown[]; count?: number } }[]
      }
      expect(data.technique).toBe(t.id)
      expect(data.cases.some((c) => c.expect.edges.length > 0), `${t.id} positive case`).toBe(true)
      expect(data.cases.some((c) => c.expect.edges.length === 0 && (c.expect.absent.length > 0 || c.expect.count === 0)), `${t.id} negative case`).toBe(true)
    }
    expect(caseFiles.length).toBe(AZURE_TECHNIQUES.length)
  })

  it('maps every BloodHound CE Azure edge the issue names', () => {
    const mapped = new Set(AZURE_TECHNIQUES.map((t) => t.seeAlso['bloodhound']).filter(Boolean))
    for (const edge of [
      'AZAddMembers', 'AZAddOwner', 'AZAddSecret', 'AZResetPassword', 'AZOwns', 'AZContributor', 'AZOwner', 'AZUserAccessAdministrator',
      'AZKeyVaultKVContributor', 'AZGetSecrets', 'AZGetKeys', 'AZGetCertificates', 'AZExecuteCommand', 'AZVMContributor', 'AZVMAdminLogin',
      'AZAutomationContributor', 'AZWebsiteContributor', 'AZLogicAppContributor', 'AZAKSContributor', 'AZAvereContributor', 'AZManagedIdentity',
      'AZMGAddMember', 'AZMGAddOwner', 'AZMGAddSecret', 'AZMGGrantAppRoles', 'AZMGGrantRole', 'AZGlobalAdmin', 'AZPrivilegedRoleAdmin',
      'AZPrivilegedAuthAdmin', 'AZAppAdmin', 'AZCloudAppAdmin', 'AZMemberOf', 'AZRunsAs',
    ]) {
      expect(mapped, edge).toContain(edge)
    }
  })
})
