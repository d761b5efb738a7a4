/**
 * @module cli/commands/choke-points
 * `crownpath choke-points --from X --to Y`: the edges on the most cheapest
 * paths plus the minimum cut (the smallest set of grants to change).
 */
import type { CliCommand } from '../command.js'
import { openEngineFor } from '../engine.js'
import { addQueryOptions, intOption, readQueryOptions } from '../query-options.js'
import { formatTable } from '../table.js'

/** The choke-points command. */
export const chokePointsCommand: CliCommand = {
  name: 'choke-points',
  summary: 'edges on the most attack paths, and the minimum cut that stops them all',
  configure: (cmd) =>
    addQueryOptions(
      cmd
        .requiredOption('--from <selector>', 'sources (e.g. exposed)')
        .requiredOption('--to <selector>', 'targets (e.g. crown-jewels, tier0)')
        .option('--paths <n>', 'cheapest paths sampled (default 50)')
        .option('--limit <n>', 'choke points listed (default 20)'),
    ),
  run: async ({ opts, ctx }) => {
    const store = await ctx.openStore()
    const engine = await openEngineFor(store, String(opts['snapshot']))
    try {
      const paths = intOption(opts, 'paths', 'paths')
      const limit = intOption(opts, 'limit', 'limit')
      const filters = readQueryOptions(opts)
      const from = String(opts['from'])
      const to = String(opts['to'])
      const chokePoints = await engine.chokePoints({ from, to, ...(paths !== undefined ? { paths } : {}), ...(limit !== undefined ? { limit } : {}), ...filters })
      const minCut = await engine.minCut({ from, to, ...filters })
      const cutText = !minCut.isConnected
        ? 'no source reaches a target: nothing to cut'
        : !minCut.isCuttable
          ? 'only structural edges (membership, credentials, containment) connect them: no grant change separates them'
          : [
              `minimum cut: ${minCut.edges.length} grant(s), total cost ${minCut.value}`,
              ...minCut.edges.map(
                (c) => `  ${c.edge.from} -[${c.edge.kind}]-> ${c.edge.to}: change ${c.change.map((p) => `${p.policy}${p.statement !== null ? ` statement ${p.statement}` : ''}${p.sid ? ` (${p.sid})` : ''}`).join('; ')}`,
              ),
            ].join('\n')
      const table = [
        chokePoints.chokePoints.length === 0
          ? 'no paths'
          : formatTable(
              ['EDGE', 'KIND', 'PATHS', 'SHARE'],
              chokePoints.chokePoints.map((c) => [`${c.edge.from} -> ${c.edge.to}`, c.edge.kind, c.pathCount, `${Math.round(c.share * 100)}%`]),
            ),
        cutText,
      ].join('\n\n')
      return { json: { chokePoints, minCut }, table }
    } finally {
      await engine.close()
    }
  },
}
