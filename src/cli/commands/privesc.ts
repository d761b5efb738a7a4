/**
 * @module cli/commands/privesc
 * `crownpath privesc`: every non-tier-zero principal that reaches tier zero,
 * with its cheapest chain (DESIGN.md contract:
 * `{ admins, findings: [{ principal, target, hops: [{ from, to, kind, technique, evidence }] }] }`).
 */
import type { CliCommand } from '../command.js'
import { openEngineFor } from '../engine.js'
import { addQueryOptions, intOption, readQueryOptions } from '../query-options.js'
import { formatTable } from '../table.js'

/** The privesc command. */
export const privescCommand: CliCommand = {
  name: 'privesc',
  summary: 'principals that can escalate to tier zero, with their cheapest chains',
  configure: (cmd) => addQueryOptions(cmd.option('--limit <n>', 'findings listed (default all)')),
  run: async ({ opts, ctx }) => {
    const store = await ctx.openStore()
    const engine = await openEngineFor(store, String(opts['snapshot']))
    try {
      const limit = intOption(opts, 'limit', 'limit')
      const r = await engine.privesc({ ...(limit !== undefined ? { limit } : {}), ...readQueryOptions(opts) })
      // Exactly the contract's fields: the JSON is consumed by scripts and tests.
      const json = {
        admins: r.admins,
        findings: r.findings.map((f) => ({
          principal: f.principal,
          target: f.target,
          hops: f.hops.map((h) => ({ from: h.from, to: h.to, kind: h.kind, technique: h.technique, evidence: h.evidence })),
        })),
      }
      const table = [
        `tier-zero principals: ${r.admins.length === 0 ? 'none' : r.admins.join(', ')}`,
        r.findings.length === 0
          ? 'no principal can escalate to tier zero'
          : formatTable(
              ['PRINCIPAL', 'REACHES', 'COST', 'VIA'],
              r.findings.map((f) => [f.principal, f.target, f.cost, f.hops.map((h) => h.technique ?? h.kind).join(' > ')]),
            ),
        ...(r.truncated ? ['(truncated by a bound)'] : []),
      ].join('\n\n')
      return { json, table }
    } finally {
      await engine.close()
    }
  },
}
