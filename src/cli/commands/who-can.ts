/**
 * @module cli/commands/who-can
 * `crownpath who-can --to X [--access-level Read]`: who reaches a target.
 */
import type { AccessLevel } from '../../model/index.js'
import { ACCESS_LEVELS, CrownpathError } from '../../model/index.js'
import type { CliCommand } from '../command.js'
import { openEngineFor } from '../engine.js'
import { addQueryOptions, intOption, readQueryOptions } from '../query-options.js'
import { formatTable } from '../table.js'

/** The who-can command. */
export const whoCanCommand: CliCommand = {
  name: 'who-can',
  summary: 'principals and credentials that reach a resource or tier-zero node',
  configure: (cmd) =>
    addQueryOptions(
      cmd
        .requiredOption('--to <selector>', 'node id, name, or a set (tier0, crown-jewels, ...)')
        .option('--access-level <level>', `only entries with this access level (${ACCESS_LEVELS.join(', ')})`)
        .option('--limit <n>', 'entries listed (default 1000)'),
    ),
  run: async ({ opts, ctx }) => {
    const level = opts['accessLevel'] as string | undefined
    if (level !== undefined && !(ACCESS_LEVELS as readonly string[]).includes(level)) {
      throw new CrownpathError('CP_ERR_USAGE', { reason: `unknown access level \`${level}\`: expected one of ${ACCESS_LEVELS.join(', ')}` })
    }
    const store = await ctx.openStore()
    const engine = await openEngineFor(store, String(opts['snapshot']))
    try {
      const limit = intOption(opts, 'limit', 'limit')
      const r = await engine.whoCan({
        to: String(opts['to']),
        ...(level ? { accessLevel: level as AccessLevel } : {}),
        ...(limit !== undefined ? { limit } : {}),
        ...readQueryOptions(opts),
      })
      const table =
        r.entries.length === 0
          ? `nobody reaches \`${String(opts['to'])}\`${level ? ` with ${level}` : ''}`
          : formatTable(['WHO', 'KIND', 'ACCESS', 'COST', 'HOPS'], r.entries.map((e) => [e.id, e.kind, e.accessLevels, e.cost, e.path.hops.length])) +
            (r.truncated ? `\n(truncated: ${r.total} in all)` : '')
      return { json: r, table }
    } finally {
      await engine.close()
    }
  },
}
