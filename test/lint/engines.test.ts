/**
 * Every package the lockfile installs must declare support for the oldest
 * Node version crownpath promises (package.json `engines.node`): a dependency
 * that moved to a newer Node line is caught here, not on a user's machine.
 */
import { readFileSync } from 'node:fs'
import semver from 'semver'
import { describe, expect, it } from 'vitest'

const root = new URL('../../', import.meta.url)
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { engines: { node: string } }
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>
}

describe('Node engine support of the locked dependencies', () => {
  const oldest = semver.minVersion(pkg.engines.node)

  it('package.json names a minimum Node version', () => {
    expect(oldest?.version).toMatch(/^\d+\.\d+\.\d+$/)
  })

  it(`every locked package admits Node ${oldest?.version ?? '?'}`, () => {
    const refusing: string[] = []
    for (const [path, meta] of Object.entries(lock.packages)) {
      const range = !Array.isArray(meta.engines) ? meta.engines?.node : undefined
      if (path === '' || range === undefined || oldest === null) continue
      if (!semver.satisfies(oldest, range)) refusing.push(`${path.replace(/^.*node_modules\//, '')}@${meta.version ?? '?'} wants node ${range}`)
    }
    expect(refusing).toEqual([])
  })
})
