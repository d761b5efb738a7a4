/**
 * @module cli/commands/blast-radius
 * `crownpath blast-radius --from X`: what a principal or credential reaches.
 */
import type { CliCommand } from '../command.js'
import { openEngineFor } from '../engine.js'
import { addQueryOptions, intOption, readQueryOptions } from '../query-options.js'
import { formatKeyValues, formatTable } from '../table.js'

/** The blast-radius command. */
export const blastRadiusCommand: CliCommand = {
  name: 'blast-radius',
  summary: 'everything a principal or credential reaches, grouped and scored',
  configure: (cmd) =>
    addQueryOptions(
      cmd
        .requiredOption('--from <selector>', 'node id, name, access key id, or a set (exposed, kind:<Kind>, tag:<k>=<v>)')
        .option('--limit <n>', 'nodes listed per group (default 1000)'),
    ),
  run: async ({ opts, ctx }) => {
    const store = await ctx.openStore()
    const engine = await openEngineFor(store, String(opts['snapshot']))
    try {
      const limit = intOption(opts, 'limit', 'limit')
      const r = await engine.blastRadius({ from: String(opts['from']), ...(limit !== undefined ? { limit } : {}), ...readQueryOptions(opts) })
      const table = [
        formatKeyValues([
          ['from', r.from],
          ['principals', r.totals.principals],
          ['resources', r.totals.resources],
          ['scopes', r.totals.scopes],
          ['tier zero', r.tierZero],
          ['score', r.score],
          ['truncated', r.truncated],
        ]),
        r.scoreExplanation,
        r.resources.length > 0
          ? formatTable(['RESOURCE', 'CLASSIFICATION', 'ACCOUNT', 'ACCESS', 'COST'], r.resources.map((n) => [n.id, n.classification, n.account, n.accessLevels, n.cost]))
          : 'no resources reached',
        r.principals.length > 0 ? formatTable(['PRINCIPAL', 'KIND', 'COST'], r.principals.map((n) => [n.id, n.kind, n.cost])) : 'no principals reached',
      ].join('\n\n')
      return { json: r, table }
    } finally {
      await engine.close()
    }
  },
}
