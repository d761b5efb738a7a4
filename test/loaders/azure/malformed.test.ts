/**
 * Malformed Azure inputs fail with a coded error naming the file, the JSON
 * path and what was expected (R5: identity fields are read without fallback).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadAzCli, loadAzureHound } from '../../../loaders/azure/index.js'
import { CrownpathError } from '../../../src/model/index.js'

const dir = mkdtempSync(join(tmpdir(), 'crownpath-azure-bad-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const T = 'aaaaaaaa-0000-4000-8000-000000000001'
const user = { id: '0a11ce00-0000-4000-8000-000000000001', userPrincipalName: 'a@x.example', tenantId: T }

function file(name: string, content: string): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

const envelope = (records: unknown[]) => JSON.stringify({ data: records, meta: { type: 'azure', version: 5, count: records.length } })

async function failure(p: Promise<unknown>): Promise<CrownpathError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(CrownpathError)
  return err as CrownpathError
}

describe('AzureHound files', () => {
  it('truncated JSON → CP_ERR_INPUT_JSON naming the file', async () => {
    const full = envelope([{ kind: 'AZUser', data: user }])
    const path = file('truncated.json', full.slice(0, full.length - 20))
    const err = await failure(loadAzureHound([path]))
    expect(err.code).toBe('CP_ERR_INPUT_JSON')
    expect(err.message).toContain(path)
  })

  it('truncated NDJSON → CP_ERR_INPUT_JSON naming the line', async () => {
    const line = JSON.stringify({ kind: 'AZUser', data: user })
    const path = file('truncated.ndjson', `${line}\n${line}\n${line.slice(0, 30)}\n`)
    const err = await failure(loadAzureHound([path]))
    expect(err.code).toBe('CP_ERR_INPUT_JSON')
    expect(err.message).toContain('line 3')
  })

  it('an NDJSON record without an id is named by its file line, blank lines counted', async () => {
    const { id: _drop, ...noId } = user
    const line = JSON.stringify({ kind: 'AZUser', data: user })
    const path = file('blank-lines.ndjson', `${line}\n\n${line}\n${JSON.stringify({ kind: 'AZUser', data: noId })}\n`)
    const err = await failure(loadAzureHound([path]))
    expect(err.params).toMatchObject({ file: path, path: 'line 4: $.data.id' })
  })

  it('missing object id → CP_ERR_INPUT_SHAPE at $.data[1].data.id', async () => {
    const { id: _drop, ...noId } = user
    const path = file('no-id.json', envelope([{ kind: 'AZUser', data: user }, { kind: 'AZUser', data: noId }]))
    const err = await failure(loadAzureHound([path]))
    expect(err.code).toBe('CP_ERR_INPUT_SHAPE')
    expect(err.params).toMatchObject({ file: path, path: '$.data[1].data.id' })
    expect(err.message).toMatch(/required/)
  })

  it('wrong type → the field path and the expected type', async () => {
    const path = file('wrong-type.json', envelope([{ kind: 'AZUser', data: { ...user, accountEnabled: 'yes' } }]))
    const err = await failure(loadAzureHound([path]))
    expect(err.params).toMatchObject({ path: '$.data[0].data.accountEnabled', expected: 'true or false or null, got `yes`' })
  })

  it('a required id of the wrong type → `a string`', async () => {
    const path = file('id-number.json', envelope([{ kind: 'AZGroup', data: { id: 42, tenantId: T } }]))
    const err = await failure(loadAzureHound([path]))
    expect(err.params).toMatchObject({ path: '$.data[0].data.id', expected: 'a string, got number `42`' })
    expect(err.message).toBe(`\`${path}\` at \`$.data[0].data.id\`: expected a string, got number \`42\``)
  })

  it('missing roleDefinitionId inside an Entra role assignment list', async () => {
    const record = {
      kind: 'AZRoleAssignment',
      data: { roleDefinitionId: '62e90394-69f5-4237-9190-012177145e10', roleAssignments: [{ id: 'x', principalId: user.id, directoryScopeId: '/' }] },
    }
    const path = file('no-role.json', envelope([record]))
    const err = await failure(loadAzureHound([path]))
    expect(err.params).toMatchObject({ path: '$.data[0].data.roleAssignments[0].roleDefinitionId' })
  })

  it('missing principalId inside an ARM owner list names the nested path', async () => {
    const record = {
      kind: 'AZSubscriptionOwner',
      data: {
        subscriptionId: '/subscriptions/s',
        owners: [{ owner: { id: '/subscriptions/s/providers/Microsoft.Authorization/roleAssignments/r', properties: { roleDefinitionId: 'x', scope: '/subscriptions/s' } }, subscriptionId: '/subscriptions/s' }],
      },
    }
    const path = file('no-principal.json', envelope([record]))
    const err = await failure(loadAzureHound([path]))
    expect(err.params).toMatchObject({ path: '$.data[0].data.owners[0].owner.properties.principalId' })
  })

  it('data that is not an array → CP_ERR_INPUT_SHAPE at $.data', async () => {
    const err = await failure(loadAzureHound([file('not-array.json', JSON.stringify({ data: {}, meta: { type: 'azure' } }))]))
    expect(err.params).toMatchObject({ path: '$.data', expected: 'an array, got an object' })
  })

  it('an unknown per-type name → CP_ERR_INPUT_FORMAT', async () => {
    const err = await failure(loadAzureHound([file('azwidgets.json', JSON.stringify({ data: [], meta: { type: 'azwidgets' } }))]))
    expect(err.code).toBe('CP_ERR_INPUT_FORMAT')
    expect(err.message).toContain('azwidgets')
  })

  it('a missing file → CP_ERR_INPUT_READ', async () => {
    const err = await failure(loadAzureHound([join(dir, 'nope.json')]))
    expect(err.code).toBe('CP_ERR_INPUT_READ')
  })

  it('unknown kinds are a warning, not an error', async () => {
    const path = file('unknown.json', envelope([{ kind: 'AZUser', data: user }, { kind: 'AZHoloDeck', data: {} }, { kind: 'AZHoloDeck', data: {} }]))
    const part = await loadAzureHound([path])
    expect(part.azure?.users).toHaveLength(1)
    expect(part.issues).toEqual([expect.objectContaining({ severity: 'warning', message: '2 record(s) of unknown kind `AZHoloDeck` ignored' })])
  })
})

describe('az CLI directories', () => {
  it('a directory without role-assignments.json → CP_ERR_INPUT_FORMAT naming the file it wants', async () => {
    const d = join(dir, 'empty-cli')
    mkdirSync(d)
    const err = await failure(loadAzCli(d))
    expect(err.code).toBe('CP_ERR_INPUT_FORMAT')
    expect(err.message).toContain('role-assignments.json')
  })

  it('a role assignment without principalId → the path in role-assignments.json', async () => {
    const d = join(dir, 'bad-cli')
    mkdirSync(d)
    writeFileSync(join(d, 'tenant.json'), JSON.stringify({ tenantId: T }))
    writeFileSync(
      join(d, 'role-assignments.json'),
      JSON.stringify([{ id: '/subscriptions/s/providers/Microsoft.Authorization/roleAssignments/r', roleDefinitionId: 'x', scope: '/subscriptions/s' }]),
    )
    const err = await failure(loadAzCli(d))
    expect(err.code).toBe('CP_ERR_INPUT_SHAPE')
    expect(err.params).toMatchObject({ file: join(d, 'role-assignments.json'), path: '$[0].principalId' })
  })
})
