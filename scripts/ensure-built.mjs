// Build (npm run build) when dist/ is missing or older than any source file,
// so `npm start` and `npm run bench` work on a fresh clone without a manual build.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
// test/fakes: bench/pmapper.ts serves PMapper from the fake AWS endpoint there, so the build compiles it.
const SOURCE_DIRS = ['src', 'loaders', 'queries', 'bench', 'test/fakes']
const SOURCE_FILES = ['package.json', 'tsconfig.json', 'tsconfig.build.json']
// The CLI bundle is the build's last step: present and newer than every source means built.
const MARKER = join(root, 'dist', 'cli', 'main.js')

/** Newest modification time under `path` (0 when it does not exist). */
function newest(path) {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let latest = 0
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)))
  return latest
}

const sourceTime = Math.max(...SOURCE_DIRS.map((d) => newest(join(root, d))), ...SOURCE_FILES.map((f) => newest(join(root, f))))
const builtTime = existsSync(MARKER) ? statSync(MARKER).mtimeMs : 0
if (builtTime === 0 || builtTime < sourceTime) {
  process.stderr.write(builtTime === 0 ? 'crownpath: dist/ is missing, building…\n' : 'crownpath: sources changed, rebuilding…\n')
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
