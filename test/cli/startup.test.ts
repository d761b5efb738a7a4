/**
 * What the built CLI loads before it runs a command. Every invocation pays for
 * each module it imports: the HTTP stack (fastify, JWT verifiers), the Neo4j
 * driver and the live collectors' SDKs are loaded only by the commands that
 * use them, and TypeBox comes from one bundled file (scripts/build-vendor.mjs)
 * instead of its ~680 modules. `npm test` builds first, so dist/ is current.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')

/** Packages (CommonJS and ES modules) the built CLI has loaded when `crownpath <args>` exits. */
function packagesLoadedBy(args: readonly string[]): Set<string> {
  // An ESM load hook writes every module it sees to a file; at exit the preload adds the CommonJS cache.
  const dir = mkdtempSync(join(tmpdir(), 'crownpath-startup-'))
  try {
    const list = join(dir, 'loaded.txt')
    writeFileSync(join(dir, 'hooks.mjs'), `import { appendFileSync } from 'node:fs'\nexport async function load(url, context, next) { appendFileSync(${JSON.stringify(list)}, url + '\\n'); return next(url, context) }\n`)
    writeFileSync(
      join(dir, 'preload.mjs'),
      [
        "import { register, createRequire } from 'node:module'",
        "import { appendFileSync } from 'node:fs'",
        `register(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)})`,
        'const cache = createRequire(import.meta.url).cache',
        `process.on('exit', () => appendFileSync(${JSON.stringify(list)}, Object.keys(cache).join('\\n') + '\\n'))`,
      ].join('\n'),
    )
    const run = spawnSync(process.execPath, ['--import', pathToFileURL(join(dir, 'preload.mjs')).href, join(root, 'bin/crownpath.js'), ...args], { encoding: 'utf8', cwd: root })
    if (run.status !== 0) throw new Error(`crownpath ${args.join(' ')} failed (status ${run.status}): ${run.stderr}`)
    const packages = new Set<string>()
    for (const url of readFileSync(list, 'utf8').split('\n')) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)
      if (m) packages.add(m[1] as string)
    }
    return packages
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('CLI start-up', () => {
  it('loads neither the HTTP stack, the Neo4j driver, the cloud SDKs nor the TypeBox package for a command that needs none', () => {
    const loaded = packagesLoadedBy(['--version'])
    // The check itself works: the SQLite binding is always loaded (the memory store's module).
    expect(loaded.has('better-sqlite3')).toBe(true)
    for (const name of ['fastify', 'fast-jwt', 'pino', 'neo4j-driver', 'rxjs', '@azure/identity', '@aws-sdk/client-iam', 'typebox']) {
      expect(loaded.has(name), `${name} is loaded at start-up`).toBe(false)
    }
  })
})

describe('built TypeBox imports', () => {
  it('every built module that uses TypeBox imports the bundled copy', () => {
    const offenders: string[] = []
    let vendored = 0
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry)
        if (statSync(path).isDirectory()) walk(path)
        else if (entry.endsWith('.js')) {
          const text = readFileSync(path, 'utf8')
          if (/(?:from\s*|import\s*\(\s*|import\s+)['"]typebox(?:\/[^'"]*)?['"]/.test(text)) offenders.push(path)
          if (text.includes('vendor/typebox.js')) vendored += 1
        }
      }
    }
    for (const dir of ['src', 'loaders']) walk(join(root, 'dist', dir))
    expect(offenders).toEqual([])
    // Schemas are declared in dozens of modules; all of them must have been pointed at the bundle.
    expect(vendored).toBeGreaterThan(20)
  })
})

describe('the CLI bundle (scripts/build-cli.mjs)', () => {
  it('is what bin/crownpath.js runs, and finds package.json from where its chunks live', () => {
    expect(readFileSync(join(root, 'bin/crownpath.js'), 'utf8')).toContain("'../dist/cli/main.js'")
    const version = spawnSync(process.execPath, [join(root, 'bin/crownpath.js'), '--version'], { encoding: 'utf8', cwd: root })
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
    expect(version.stdout.trim()).toBe(pkg.version)
  })
})
