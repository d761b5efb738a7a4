// Bundle the web page (src/web) into dist/web: app.ts with sigma and
// graphology through esbuild, plus the static index.html and style.css.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const src = join(root, 'src', 'web')
const out = join(root, 'dist', 'web')
if (!existsSync(src)) process.exit(0)
mkdirSync(out, { recursive: true })
await build({
  entryPoints: [join(src, 'app.ts')],
  outfile: join(out, 'app.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  logLevel: 'warning',
})
for (const file of ['index.html', 'style.css']) copyFileSync(join(src, file), join(out, file))
