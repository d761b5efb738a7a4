/**
 * The dependency rules of STYLE.md ("Dependency direction"), as checked by
 * dependency-cruiser with /.dependency-cruiser.mjs: the real tree must pass,
 * and a synthetic tree of known-good and known-bad imports shows that each
 * rule reports what it should and nothing else.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { cruise, format } from 'dependency-cruiser'
import type { ICruiseOptions, ICruiseResult, IConfiguration } from 'dependency-cruiser'
import extractDepcruiseConfig from 'dependency-cruiser/config-utl/extract-depcruise-config'
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** What `npm run lint:layers` checks (test/ is exempt, see the config header). */
const SCOPE = ['src', 'loaders', 'queries', 'bench']

/** Cruise `targets` under `baseDir` with the repo's rules; returns the cruise result. */
async function runRules(config: IConfiguration, baseDir: string, targets: string[], tsConfigFile?: string): Promise<ICruiseResult> {
  const options: ICruiseOptions = {
    ...config.options,
    // The fixture tree has no tsconfig.json; resolution of `.js` → `.ts` does not need one.
    tsConfig: tsConfigFile === undefined ? undefined : { fileName: tsConfigFile },
    baseDir,
    validate: true,
    ruleSet: { forbidden: config.forbidden ?? [] },
    outputType: 'json',
  }
  const transpile = tsConfigFile === undefined ? {} : { tsConfig: extractTSConfig(tsConfigFile) }
  const { output } = await cruise(targets, options, undefined, transpile)
  return (typeof output === 'string' ? JSON.parse(output) : output) as ICruiseResult
}

let config: IConfiguration

beforeAll(async () => {
  config = await extractDepcruiseConfig(join(repoRoot, '.dependency-cruiser.mjs'))
})

describe('the real tree', () => {
  it('breaks no dependency rule of STYLE.md', async () => {
    const result = await runRules(config, repoRoot, SCOPE, join(repoRoot, 'tsconfig.json'))
    const violations = result.summary.violations
    const report = violations.length === 0 ? '' : String((await format(result, { outputType: 'err-long' })).output)
    expect(violations.length, `dependency rule violations (npm run lint:layers):\n${report}`).toBe(0)
    // Guard against a vacuous pass: the cruise must actually have seen the code and its type-only imports.
    expect(result.summary.totalCruised).toBeGreaterThan(200)
    expect(result.modules.some((m) => m.dependencies.some((d) => d.dependencyTypes.includes('type-only')))).toBe(true)
  }, 120_000)
})

/**
 * One import each. `rule` is the one rule that must report it, or null when the
 * import is allowed. Paths are repo paths in the synthetic tree.
 */
interface Case { readonly from: string; readonly to: string; readonly typeOnly?: boolean; readonly rule: string | null }

const CASES: readonly Case[] = [
  // Layer order: only strictly lower layers. Type-only imports count the same.
  { from: 'src/graph/up.ts', to: 'src/paths/index.ts', typeOnly: true, rule: 'layer-graph' },
  { from: 'src/paths/down.ts', to: 'src/graph/index.ts', rule: null },
  { from: 'src/paths/same.ts', to: 'src/techniques/index.ts', rule: 'layer-paths' },
  { from: 'src/aws/policy/same.ts', to: 'src/graph/index.ts', typeOnly: true, rule: 'layer-aws-policy' },
  { from: 'src/generate/same.ts', to: 'src/graph/index.ts', rule: 'layer-generate' },
  { from: 'queries/same.ts', to: 'src/model/index.ts', rule: 'layer-queries' },
  { from: 'src/techniques/up.ts', to: 'src/reports/index.ts', rule: 'layer-techniques' },
  { from: 'src/techniques/down.ts', to: 'src/aws/policy/index.ts', rule: null },
  { from: 'src/techniques/down-azure.ts', to: 'src/azure/index.ts', rule: null },
  { from: 'src/reports/up.ts', to: 'src/api/index.ts', rule: 'layer-reports' },
  { from: 'src/reports/evaluator.ts', to: 'src/aws/policy/index.ts', rule: null },
  { from: 'src/ingest/up.ts', to: 'src/api/index.ts', typeOnly: true, rule: 'layer-ingest' },
  { from: 'src/ingest/down.ts', to: 'src/reports/index.ts', rule: null },
  { from: 'src/api/up.ts', to: 'src/cli/index.ts', rule: 'layer-api' },
  { from: 'src/api/same.ts', to: 'src/web/index.ts', rule: 'layer-api' },
  { from: 'src/api/down.ts', to: 'src/ingest/index.ts', rule: null },
  { from: 'src/cli/down.ts', to: 'src/api/index.ts', rule: null },

  // The extra forbidden imports.
  { from: 'src/model/leaf.ts', to: 'queries/index.ts', typeOnly: true, rule: 'model-imports-nothing' },
  { from: 'src/model/sibling.ts', to: 'src/model/kinds.ts', rule: null },
  { from: 'loaders/aws/graph.ts', to: 'src/graph/index.ts', rule: 'loaders-import-only-model' },
  { from: 'loaders/aws/other-loader.ts', to: 'loaders/azure/index.ts', rule: 'loaders-import-only-model' },
  { from: 'loaders/aws/model.ts', to: 'src/model/index.ts', rule: null },
  { from: 'loaders/aws/shared.ts', to: 'loaders/shared/index.ts', rule: null },
  { from: 'loaders/shared/up.ts', to: 'loaders/aws/index.ts', rule: 'loaders-import-only-model' },
  { from: 'src/techniques/graph.ts', to: 'src/graph/index.ts', rule: 'techniques-not-graph-or-paths' },
  { from: 'src/techniques/paths.ts', to: 'src/paths/index.ts', typeOnly: true, rule: 'techniques-not-graph-or-paths' },
  { from: 'src/paths/aws.ts', to: 'src/aws/policy/index.ts', rule: 'paths-knows-no-cloud' },
  { from: 'src/paths/azure.ts', to: 'src/azure/rbac/index.ts', typeOnly: true, rule: 'paths-knows-no-cloud' },
  { from: 'src/reports/ingest.ts', to: 'src/ingest/index.ts', rule: 'reports-not-ingest-or-loaders' },
  { from: 'src/reports/loader.ts', to: 'loaders/aws/index.ts', rule: 'reports-not-ingest-or-loaders' },
  { from: 'src/api/techniques.ts', to: 'src/techniques/index.ts', rule: 'api-not-techniques-evaluators-loaders' },
  { from: 'src/api/aws.ts', to: 'src/aws/policy/index.ts', typeOnly: true, rule: 'api-not-techniques-evaluators-loaders' },
  { from: 'src/api/azure.ts', to: 'src/azure/index.ts', rule: 'api-not-techniques-evaluators-loaders' },
  { from: 'src/api/loader.ts', to: 'loaders/leaks/index.ts', rule: 'api-not-techniques-evaluators-loaders' },
  { from: 'src/web/techniques.ts', to: 'src/techniques/index.ts', rule: 'web-not-techniques-evaluators-loaders' },
  { from: 'src/api/queries.ts', to: 'queries/index.ts', rule: 'queries-only-through-graph-and-paths' },
  { from: 'src/reports/queries.ts', to: 'queries/index.ts', typeOnly: true, rule: 'queries-only-through-graph-and-paths' },
  { from: 'src/cli/queries.ts', to: 'queries/index.ts', rule: 'queries-only-through-graph-and-paths' },
  { from: 'src/graph/neo4j/queries.ts', to: 'queries/index.ts', rule: null },
  { from: 'src/paths/queries.ts', to: 'queries/index.ts', typeOnly: true, rule: null },

  // Through index.ts only; one folder (with its subfolders) is free inside.
  { from: 'src/cli/deep.ts', to: 'src/graph/store.ts', rule: 'index-only' },
  { from: 'src/cli/deep-type.ts', to: 'src/paths/types.ts', typeOnly: true, rule: 'index-only' },
  { from: 'src/cli/rbac.ts', to: 'src/azure/rbac/index.ts', rule: null },
  { from: 'src/graph/memory/inside.ts', to: 'src/graph/store.ts', rule: null },
  { from: 'loaders/aws/deep-shared.ts', to: 'loaders/shared/read-json.ts', rule: 'index-only' },
  { from: 'bench/deep.ts', to: 'src/graph/store.ts', rule: 'index-only' },
  { from: 'bench/any-layer.ts', to: 'src/cli/index.ts', rule: null },
  { from: 'test/unit.test.ts', to: 'src/graph/store.ts', rule: null },

  // The browser bundle's two named deep imports, and nothing more.
  { from: 'src/web/app.ts', to: 'src/model/kinds.ts', rule: null },
  { from: 'src/web/app.ts', to: 'src/reports/format/svg-path.ts', rule: null },
  { from: 'src/web/app.ts', to: 'src/paths/types.ts', typeOnly: true, rule: 'index-only-web-bundle' },
  { from: 'src/web/app.ts', to: 'src/paths/index.ts', typeOnly: true, rule: null },
  { from: 'src/web/other.ts', to: 'src/model/kinds.ts', rule: 'index-only' },

  // Housekeeping rules.
  { from: 'src/unplaced/x.ts', to: 'src/model/index.ts', rule: 'folder-has-layer' },
  { from: 'src/cli/helper.ts', to: 'test/helper.ts', rule: 'no-test-or-bench-in-product' },
  { from: 'src/cli/bench.ts', to: 'bench/any-layer.ts', rule: 'no-test-or-bench-in-product' },
  { from: 'src/aws/policy/io.ts', to: 'node:fs', rule: 'evaluators-no-node-builtins' },
  { from: 'src/azure/rbac/io.ts', to: 'node:crypto', rule: 'evaluators-no-node-builtins' },
  { from: 'src/graph/io.ts', to: 'node:fs', rule: null },
  { from: 'src/cli/missing.ts', to: 'src/cli/does-not-exist.ts', rule: 'resolvable' },
]

/** Files imported by the cases that no case writes; each exports `value` and `T`. */
const TARGETS = [
  ...new Set(CASES.map((c) => c.to).filter((to) => !to.startsWith('node:') && !to.includes('does-not-exist'))),
]

/** The specifier `from` uses for `to` (NodeNext style: relative, `.js`). */
function specifier(from: string, to: string): string {
  if (to.startsWith('node:')) return to
  const rel = relative(dirname(from), to).replace(/\.ts$/, '.js')
  return rel.startsWith('.') ? rel : `./${rel}`
}

/** How the cruise names the target of a case's import: core modules lose `node:`, unresolvable ones keep the specifier. */
function reportedTo(c: Case): string {
  if (c.to.startsWith('node:')) return c.to.slice('node:'.length)
  return c.to.includes('does-not-exist') ? specifier(c.from, c.to) : c.to
}

describe('the rules on a synthetic tree', () => {
  let dir = ''
  /** `from -> to` → names of the rules that reported that import. */
  const reported = new Map<string, string[]>()

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crownpath-layers-'))
    const files = new Map<string, string[]>()
    const add = (file: string, line: string): void => {
      files.set(file, [...(files.get(file) ?? []), line])
    }
    for (const target of TARGETS) add(target, 'export const value = 1\nexport type T = number')
    CASES.forEach((c, i) => {
      const spec = specifier(c.from, c.to)
      if (c.to.startsWith('node:')) add(c.from, `import { readFileSync as v${i} } from '${spec}'\nexport const u${i} = v${i}`)
      else if (c.typeOnly) add(c.from, `import type { T as T${i} } from '${spec}'\nexport type U${i} = T${i}`)
      else add(c.from, `import { value as v${i} } from '${spec}'\nexport const u${i} = v${i}`)
    })
    for (const [file, lines] of files) {
      mkdirSync(join(dir, dirname(file)), { recursive: true })
      writeFileSync(join(dir, file), `${lines.join('\n')}\n`)
    }
    const result = await runRules(config, dir, ['src', 'loaders', 'queries', 'bench', 'test'])
    for (const v of result.summary.violations) {
      const key = `${v.from} -> ${v.to}`
      reported.set(key, [...(reported.get(key) ?? []), v.rule.name])
    }
  }, 120_000)

  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true })
  })

  it.each(CASES.map((c) => [`${c.from} -> ${c.to}${c.typeOnly === true ? ' (type-only)' : ''}`, c] as const))(
    '%s',
    (_name, c) => {
      expect(reported.get(`${c.from} -> ${reportedTo(c)}`) ?? []).toEqual(c.rule === null ? [] : [c.rule])
    },
  )

  it('reports nothing beyond the cases', () => {
    const expected = new Set(CASES.filter((c) => c.rule !== null).map((c) => `${c.from} -> ${reportedTo(c)}`))
    expect([...reported.keys()].filter((k) => !expected.has(k))).toEqual([])
  })
})
