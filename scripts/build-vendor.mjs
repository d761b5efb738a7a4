// Bundle TypeBox into one file (dist/vendor/typebox.js) and point the built
// code at it. Why: the package is ~680 small ES modules, and Node spends
// ~0.3 s resolving and linking them on every CLI start; the bundle loads in
// ~30 ms. Only the build output changes: the TypeScript sources (tests,
// type-checking) import the package as usual. Schemas stay plain objects
// (TypeBox tells kinds by a `~kind` property, not by identity), so the API's
// type provider, which imports the package itself, reads them the same.
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(root, 'dist')
const vendorFile = join(dist, 'vendor', 'typebox.js')
/** The specifiers the sources use, all served by the one bundle. */
const BUNDLED = ['typebox', 'typebox/compile']
/** Built folders whose modules may import TypeBox (dist/web is a browser bundle of its own). */
const BUILT_DIRS = ['src', 'loaders', 'queries', 'bench']

mkdirSync(dirname(vendorFile), { recursive: true })
await build({
  stdin: {
    contents: "export * from 'typebox'\nexport { default } from 'typebox'\nexport { Compile } from 'typebox/compile'\n",
    resolveDir: root,
    loader: 'js',
  },
  outfile: vendorFile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
})

/** Every built module under `dir`. */
function* modules(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) yield* modules(path)
    else if (entry.endsWith('.js')) yield path
  }
}

const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(typebox(?:\/[^'"]*)?)\2/g
let rewritten = 0
for (const dir of BUILT_DIRS) {
  const base = join(dist, dir)
  try {
    statSync(base)
  } catch {
    continue
  }
  for (const file of modules(base)) {
    const text = readFileSync(file, 'utf8')
    if (!text.includes('typebox')) continue
    const next = text.replace(SPECIFIER, (match, lead, quote, specifier) => {
      if (!BUNDLED.includes(specifier)) {
        throw new Error(`${relative(root, file)} imports \`${specifier}\`, which dist/vendor/typebox.js does not bundle: add it to scripts/build-vendor.mjs`)
      }
      let path = relative(dirname(file), vendorFile).split(sep).join('/')
      if (!path.startsWith('.')) path = `./${path}`
      return `${lead}${quote}${path}${quote}`
    })
    if (next !== text) {
      writeFileSync(file, next)
      rewritten += 1
    }
  }
}
if (process.env.CROWNPATH_BUILD_VERBOSE) process.stderr.write(`build-vendor: ${rewritten} modules now import dist/vendor/typebox.js\n`)
