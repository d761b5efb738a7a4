// Bundle the built CLI (dist/src/cli/main.js and everything of ours it
// imports) into dist/cli/, which bin/crownpath.js runs. Why: Node resolves,
// reads and links each ES module separately, and the CLI is ~400 of them;
// loading it took 382–450 ms against 229–234 ms for this bundle (alternating
// runs, one machine). Packages stay external (native addons, data files read
// beside their package), and code splitting keeps every dynamic import lazy:
// without it the live collectors' cloud SDKs would load on every start.
// Runs after build-vendor.mjs, so TypeBox comes in as its one bundled file.
//
// What the bundle must keep working (checked by tests and `npm start`): the
// action-catalogue copy lies beside the chunks (ingest/action-catalog.ts looks
// for ./action-catalog.json next to itself; build-catalog.mjs wrote it beside
// dist/src/ingest/), and the files found through import.meta.url (package.json,
// dist/web, the demo) resolve from dist/cli/ as they do from dist/src/<folder>/.
import { copyFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'dist', 'cli')

rmSync(out, { recursive: true, force: true })
await build({
  entryPoints: {
    main: join(root, 'dist', 'src', 'cli', 'main.js'),
  },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
})

copyFileSync(join(root, 'dist', 'src', 'ingest', 'action-catalog.json'), join(out, 'action-catalog.json'))
