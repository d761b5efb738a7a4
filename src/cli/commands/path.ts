/**
 * @module cli/commands/path
 * `crownpath path --from X --to Y [--k N]`: the cheapest attack paths
 * (DESIGN.md contract: `{ paths: [{ cost, hops }], truncated }`).
 */
import type { CliCommand } from '../command.js'
import { openEngineFor } from '../engine.js'
import { addQueryOptions, formatPath, intOption, readQueryOptions } from '../query-options.js'

/** The path command. */
export const pathCommand: CliCommand = {
  name: 'path',
  summary: 'cheapest attack paths from a node or set to a node or set',
  configure: (cmd) =>
    addQueryOptions(
      cmd
        .requiredOption('--from <selector>', 'node id, name, access key id, or a set: exposed, tier0, crown-jewels, kind:<Kind>, tag:<k>=<v>')
        .requiredOption('--to <selector>', 'node id, name, or a set (tier0, crown-jewels, ...)')
        .option('--k <n>', 'number of cheapest loop-free paths (default 1)'),
    ),
  run: async ({ opts, ctx }) => {
    const store = await ctx.openStore()
    const engine = await openEngineFor(store, String(opts['snapshot']))
    try {
      const k = intOption(opts, 'k', 'k')
      const result = await engine.shortestPaths({ from: String(opts['from']), to: String(opts['to']), ...(k !== undefined ? { k } : {}), ...readQueryOptions(opts) })
      const table =
        result.paths.length === 0
          ? `no path from \`${String(opts['from'])}\` to \`${String(opts['to'])}\`${result.truncated ? ' within the bounds (truncated)' : ''}`
          : [...result.paths.map((p, i) => formatPath(p, `path ${i + 1}`)), ...(result.truncated ? ['(truncated by a bound)'] : [])].join('\n\n')
      return { json: { paths: result.paths, truncated: result.truncated }, table }
    } finally {
      await engine.close()
    }
  },
}
