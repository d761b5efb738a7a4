/**
 * The build's one-file copy of the action catalogue: read only when it is a
 * copy of the installed data package's version, else the package is read.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { actionCatalogDataVersion, loadActionCatalogData } from '../../src/aws/policy/index.js'
import { ACTION_CATALOG_FILE, readActionCatalog, readCatalogCopy, writeCatalogCopy } from '../../src/ingest/index.js'

const dir = mkdtempSync(join(tmpdir(), 'crownpath-catalog-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const fileIn = (name: string) => pathToFileURL(join(dir, name))
const root = join(import.meta.dirname, '../..')

describe('the action catalogue copy', () => {
  it('reads back as the data package gives it', async () => {
    const copy = fileIn('copy.json')
    await writeCatalogCopy(copy)
    const fromPackage = await loadActionCatalogData()
    expect(fromPackage.actions.length).toBeGreaterThan(10_000)
    expect(await readCatalogCopy(copy)).toEqual(JSON.parse(JSON.stringify(fromPackage)))
  }, 60_000)

  it('is not used when written from another package version, absent, not JSON or not a copy (negative)', async () => {
    const data = { actions: [{ action: 'madeup:Only', service: 'madeup', accessLevel: 'Read', resourceTypes: [], conditionKeys: [], isWildcardOnly: true }], rcpServices: [] }
    writeFileSync(join(dir, 'other-version.json'), JSON.stringify({ iamDataVersion: '0.0.0-elsewhere', data }))
    writeFileSync(join(dir, 'broken.json'), '{"iamDataVersion": ')
    writeFileSync(join(dir, 'not-a-copy.json'), JSON.stringify({ iamDataVersion: await actionCatalogDataVersion(), data: { actions: 'all of them' } }))
    for (const name of ['other-version.json', 'absent.json', 'broken.json', 'not-a-copy.json']) expect(await readCatalogCopy(fileIn(name)), name).toBeNull()
    // The same stale copy, labelled with the installed version, is read: only the version kept it out.
    writeFileSync(join(dir, 'current.json'), JSON.stringify({ iamDataVersion: await actionCatalogDataVersion(), data }))
    expect((await readCatalogCopy(fileIn('current.json')))?.actions.map((a) => a.action)).toEqual(['madeup:Only'])
  })

  it('builds the catalogue from the package when the copy is stale', async () => {
    const catalog = await readActionCatalog(fileIn('other-version.json'))
    expect(catalog.get('madeup:Only')).toBeNull()
    expect(catalog.accessLevel('s3:GetObject')).toBe('Read')
    expect(catalog.expand('iam:PassRol*')).toEqual(['iam:PassRole'])
  }, 60_000)

  it('is written by the build beside the built module and beside the CLI bundle that reads it', async () => {
    for (const folder of ['dist/src/ingest', 'dist/cli']) {
      const file = pathToFileURL(join(root, folder, ACTION_CATALOG_FILE))
      expect(await readCatalogCopy(file), `${folder}/${ACTION_CATALOG_FILE} is missing or stale: run \`npm run build\``).not.toBeNull()
    }
    // Some chunk of the bundle looks for the copy beside itself.
    const bundle = join(root, 'dist/cli')
    const readers = readdirSync(bundle).filter((f) => f.endsWith('.js') && readFileSync(join(bundle, f), 'utf8').includes(`new URL("./${ACTION_CATALOG_FILE}", import.meta.url)`))
    expect(readers.length).toBeGreaterThan(0)
  })
})
