/**
 * @module dependency-cruiser config
 * The "Dependency direction" section of STYLE.md as lint: the layer table, the
 * "only through index.ts" rule and the extra forbidden imports. Run with
 * `npm run lint:layers`; test/lint/layers.test.ts runs it inside `npm test`.
 *
 * Type-only imports count like value imports (`tsPreCompilationDeps: true`):
 * a type-only edge against the layering is how the type cycles that STYLE.md
 * warns about begin.
 *
 * Scope: src/, loaders/, queries/ and bench/. test/ is exempt: unit tests
 * import the internals they test. bench/ has one looser rule: it may import
 * any layer, but only through the folder's index.ts (it measures the public
 * surface). scripts/ holds build scripts that import no crownpath source
 * (build-catalog.mjs runs one built module, the catalogue writer).
 */

/**
 * Every folder with a layer. `root` is the path prefix (regex, no trailing
 * slash); a file belongs to the first row whose root matches. Rows marked
 * `decided here` are folders STYLE.md does not place: their layer is this
 * file's choice, written down so that moving them is a one-row change.
 */
const UNITS = [
  { name: 'model', root: 'src/model', layer: 0 },
  { name: 'queries', root: 'queries', layer: 0 },
  { name: 'graph', root: 'src/graph', layer: 1 },
  { name: 'aws/policy', root: 'src/aws/policy', layer: 1 },
  // src/azure/index.ts only re-exports ./rbac, so the folder is one unit.
  { name: 'azure/rbac', root: 'src/azure', layer: 1 },
  { name: 'loaders', root: 'loaders/[^/]+', layer: 1 },
  // decided here: synthetic input generator for `crownpath generate` and bench;
  // it writes provider formats and sits beside the loaders that read them.
  { name: 'generate', root: 'src/generate', layer: 1 },
  { name: 'paths', root: 'src/paths', layer: 2 },
  { name: 'techniques', root: 'src/techniques', layer: 2 },
  { name: 'reports', root: 'src/reports', layer: 3 },
  { name: 'ingest', root: 'src/ingest', layer: 3.5 },
  { name: 'api', root: 'src/api', layer: 4 },
  // decided here: the browser page is the other face of the HTTP adapter
  // (api serves it), so it gets api's layer and api's forbidden list.
  { name: 'web', root: 'src/web', layer: 4 },
  { name: 'cli', root: 'src/cli', layer: 5 },
]

/** Roots by unit name. */
const ROOT = Object.fromEntries(UNITS.map((u) => [u.name, u.root]))

/** `^(?:a/|b/|...)` for a list of unit names. */
const under = (...names) => `^(?:${names.map((n) => `${ROOT[n]}/`).join('|')})`

/** Everything that is crownpath code (as opposed to npm packages and node:*). */
const CROWNPATH = '^(?:src|loaders|queries|test|bench|scripts)/'

/**
 * The extra forbidden imports of STYLE.md, one rule each. A unit named here is
 * left out of that unit's layer rule below, so one bad import is reported
 * once, under the sentence of STYLE.md it breaks.
 */
const EXTRA = [
  {
    name: 'model-imports-nothing',
    unit: 'model',
    comment: 'model is the leaf: it imports nothing from crownpath, so type-only cycles cannot form (STYLE.md, Dependency direction)',
    from: { path: `^${ROOT.model}/` },
    to: { path: CROWNPATH, pathNot: `^${ROOT.model}/` },
    covers: UNITS.map((u) => u.name),
  },
  {
    name: 'loaders-import-only-model',
    unit: 'loaders',
    comment:
      'loaders/* import nothing but model (STYLE.md). Exception: loaders/shared, the JSON reading every loader shares, '
      + 'which is itself held to model-only by this same rule (and reached through its index.ts, see index-only).',
    // The capture group is the loader folder; $1 below is "the same loader".
    from: { path: '^(loaders/[^/]+)/' },
    to: { path: CROWNPATH, pathNot: `^(?:${ROOT.model}/|$1/|loaders/shared/)` },
    covers: UNITS.map((u) => u.name),
  },
  {
    name: 'techniques-not-graph-or-paths',
    unit: 'techniques',
    comment: 'a technique gets an index, not a database: techniques never import graph or paths (STYLE.md)',
    from: { path: `^${ROOT.techniques}/` },
    to: { path: under('graph', 'paths') },
    covers: ['graph', 'paths'],
  },
  {
    name: 'paths-knows-no-cloud',
    unit: 'paths',
    comment: 'the path engine knows no cloud: paths never imports aws/* or azure/* (STYLE.md)',
    from: { path: `^${ROOT.paths}/` },
    to: { path: '^src/(?:aws|azure)/' },
    covers: ['aws/policy', 'azure/rbac'],
  },
  {
    name: 'reports-not-ingest-or-loaders',
    unit: 'reports',
    comment: 'reports read snapshots: they never import ingest or loaders (the pure evaluators are fine) (STYLE.md)',
    from: { path: `^${ROOT.reports}/` },
    to: { path: under('ingest', 'loaders') },
    covers: ['ingest', 'loaders'],
  },
  {
    name: 'api-not-techniques-evaluators-loaders',
    unit: 'api',
    comment: 'api never imports techniques, the evaluators or loaders; uploads go through ingest (STYLE.md)',
    from: { path: `^${ROOT.api}/` },
    to: { path: under('techniques', 'aws/policy', 'azure/rbac', 'loaders') },
    covers: ['techniques', 'aws/policy', 'azure/rbac', 'loaders'],
  },
  {
    name: 'queries-only-through-graph-and-paths',
    unit: null,
    comment:
      'queries/ is data read by graph and paths; the API, reports and the rest query through src/paths and src/graph '
      + '(DESIGN.md, STYLE.md layer 0). model and loaders are held by their stricter rules above.',
    from: { path: '^src/', pathNot: `^(?:${ROOT.graph}|${ROOT.paths}|${ROOT.model})/` },
    to: { path: `^${ROOT.queries}/` },
    covers: [],
  },
  {
    name: 'web-not-techniques-evaluators-loaders',
    unit: 'web',
    comment: 'web has api\'s layer and api\'s forbidden list (decided here; see UNITS)',
    from: { path: `^${ROOT.web}/` },
    to: { path: under('techniques', 'aws/policy', 'azure/rbac', 'loaders') },
    covers: ['techniques', 'aws/policy', 'azure/rbac', 'loaders'],
  },
]

/**
 * One rule per unit: it may import only from units on a lower layer. Units
 * fully covered by an EXTRA rule (model, loaders) need none.
 */
const LAYER_RULES = UNITS.flatMap((unit) => {
  const covered = new Set(EXTRA.filter((e) => e.unit === unit.name).flatMap((e) => e.covers))
  const notBelow = UNITS.filter((u) => u.name !== unit.name && u.layer >= unit.layer && !covered.has(u.name))
  if (notBelow.length === 0) return []
  const below = UNITS.filter((u) => u.layer < unit.layer).map((u) => u.name)
  return [{
    name: `layer-${unit.name.replace('/', '-')}`,
    severity: 'error',
    comment: `${unit.name} (layer ${unit.layer}) imports only from lower layers: ${below.join(', ') || 'none'}`,
    from: { path: `^${unit.root}/` },
    to: { path: under(...notBelow.map((u) => u.name)) },
  }]
})

/** A unit's public surface: its own index.ts (for azure also rbac/index.ts). */
const PUBLIC_SURFACE = `^(?:${UNITS.map((u) => u.root).join('|')}|src/azure/rbac)/index\\.ts$`

/**
 * The unit a file belongs to, as capture group 1. bench is a unit of its own
 * for this rule only. A file in no unit is left to folder-has-layer.
 */
const FROM_UNIT = `^(${UNITS.map((u) => u.root).join('|')}|bench)/`

/**
 * The two deep imports the browser bundle needs. src/web/app.ts is bundled by
 * esbuild for the browser; the reports index re-exports Node-only code
 * (runs.ts and scheduler.ts use node:fs, node:zlib) and the model index brings
 * the TypeBox compiler and the rest of model along, so the page imports
 * exactly these two pure files. Type-only imports are erased by esbuild, so
 * they go through the index like everywhere else.
 */
const WEB_BUNDLE_DEEP_IMPORTS = ['^src/model/kinds\\.ts$', '^src/reports/format/svg-path\\.ts$']

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    ...EXTRA.map(({ unit, covers, ...rule }) => ({ severity: 'error', ...rule })),
    ...LAYER_RULES,
    {
      name: 'index-only',
      severity: 'error',
      comment:
        'another folder is imported through its index.ts only; files inside one folder (subfolders included) '
        + 'import each other freely (STYLE.md, Dependency direction and R10)',
      from: { path: FROM_UNIT, pathNot: '^src/web/app\\.ts$' },
      to: { path: '^(?:src|loaders|queries)/', pathNot: ['^$1/', PUBLIC_SURFACE] },
    },
    {
      name: 'index-only-web-bundle',
      severity: 'error',
      comment: 'index-only for src/web/app.ts, with its two named browser-safe deep imports (see WEB_BUNDLE_DEEP_IMPORTS)',
      from: { path: '^(src/web)/app\\.ts$' },
      to: { path: '^(?:src|loaders|queries)/', pathNot: ['^$1/', PUBLIC_SURFACE, ...WEB_BUNDLE_DEEP_IMPORTS] },
    },
    {
      name: 'folder-has-layer',
      severity: 'error',
      comment: 'every folder under src/ and loaders/ has a row in UNITS of .dependency-cruiser.mjs; add one (and to STYLE.md)',
      from: { path: '^(?:src|loaders)/', pathNot: `^(?:${UNITS.map((u) => u.root).join('|')})/` },
      to: {},
    },
    {
      name: 'no-test-or-bench-in-product',
      severity: 'error',
      comment: 'shipped code never imports test/, bench/ or scripts/',
      from: { path: '^(?:src|loaders|queries)/' },
      to: { path: '^(?:test|bench|scripts)/' },
    },
    {
      name: 'evaluators-no-node-builtins',
      severity: 'error',
      comment: 'evaluators are pure: no node:* in src/aws/policy or src/azure (STYLE.md R4)',
      from: { path: '^src/(?:aws/policy|azure)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'resolvable',
      severity: 'error',
      comment: 'an import the checker cannot resolve would escape every rule above',
      from: { path: '^(?:src|loaders|queries|bench)/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Type-only imports (import type, export type) count like value imports.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: '(?:^|/)node_modules/' },
    exclude: { path: '^(?:dist|node_modules)/' },
    moduleSystems: ['es6', 'cjs'],
    // Resolve package "exports" the way Node ESM does (typebox has no "main").
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
}
