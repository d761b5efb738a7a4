/**
 * @module cli/query-options
 * Options shared by the path-query commands (path, blast-radius, who-can,
 * choke-points, privesc) and the text rendering of paths.
 */
import type { Command } from 'commander'
import { CrownpathError } from '../model/index.js'
import type { EdgeFilter, GraphPath, PathHop, QueryBounds } from '../paths/index.js'
import { checkEdgeKinds } from '../paths/index.js'

/** Declare `--snapshot`, `--max-depth`, `--timeout-ms`, `--exclude-conditional`, `--edge-kinds`. */
export function addQueryOptions(cmd: Command): Command {
  return cmd
    .option('--snapshot <ref>', 'snapshot id, unique prefix, or latest', 'latest')
    .option('--max-depth <n>', 'hop bound (default 12, at most 32)')
    .option('--timeout-ms <n>', 'time bound in milliseconds (default 10000)')
    .option('--exclude-conditional', 'do not follow edges whose conditions could not be resolved offline')
    .option('--edge-kinds <kinds>', 'comma-separated edge kinds to follow')
}

/** A whole-number option, or undefined; anything else is a usage error. */
export function intOption(opts: Readonly<Record<string, unknown>>, key: string, flag: string): number | undefined {
  const value = opts[key]
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n)) throw new CrownpathError('CP_ERR_USAGE', { reason: `\`--${flag}\` must be a whole number, got \`${String(value)}\`` })
  return n
}

/** Filters and bounds from the shared options. */
export function readQueryOptions(opts: Readonly<Record<string, unknown>>): EdgeFilter & QueryBounds {
  const maxDepth = intOption(opts, 'maxDepth', 'max-depth')
  const timeoutMs = intOption(opts, 'timeoutMs', 'timeout-ms')
  const kinds =
    typeof opts['edgeKinds'] === 'string'
      ? checkEdgeKinds(
          opts['edgeKinds']
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== ''),
        )
      : undefined
  return {
    ...(maxDepth !== undefined ? { maxDepth } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(opts['excludeConditional'] ? { excludeConditional: true } : {}),
    ...(kinds ? { edgeKinds: kinds } : {}),
  }
}

/** One hop as text: `-[Kind technique]->` with the first evidence document. */
export function formatHop(hop: PathHop): string {
  const evidence = hop.evidence[0]
  const why = evidence ? ` (${evidence.policy}${evidence.statement !== undefined && evidence.statement !== null ? ` #${evidence.statement}` : ''})` : ''
  const conditional = hop.conditions.length > 0 ? ` [if ${hop.conditions.map((c) => c.key).join(', ')}]` : ''
  return `  -[${hop.kind}${hop.technique ? ` ${hop.technique}` : ''}]-> ${hop.to}${why}${conditional}`
}

/** A path as indented text lines. */
export function formatPath(path: GraphPath, title: string): string {
  const first = path.hops[0]
  return [`${title} (cost ${path.cost}, ${path.hops.length} hops)`, `  ${first?.from ?? ''}`, ...path.hops.map(formatHop)].join('\n')
}
