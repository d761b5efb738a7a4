/**
 * @module cli/commands/who-holds
 * `crownpath who-holds --role <name|id> [--scope X] [--status active|eligible]`:
 * every principal holding a role (Entra directory role or Azure RBAC role),
 * directly or through groups, with the assignment behind each holding.
 */
import type { RoleHoldingStatus } from '../../model/index.js'
import { DEFAULT_BOUNDS } from '../../paths/index.js'
import type { CliCommand } from '../command.js'
import { openEngineFor } from '../engine.js'
import { intOption } from '../query-options.js'
import { formatTable } from '../table.js'

const STATUSES: readonly RoleHoldingStatus[] = ['active', 'eligible']

/** The who-holds command. */
export const whoHoldsCommand: CliCommand = {
  name: 'who-holds',
  summary: 'principals that hold a role (Entra directory or Azure RBAC), directly or through groups',
  configure: (cmd) =>
    cmd
      .requiredOption('--role <role>', 'role name (any case), role id (Entra template id, RBAC definition GUID) or role node id')
      .option('--scope <selector>', 'only holdings that apply at this node (a subscription, resource group, resource, tenant object, ...)')
      .option('--status <status>', `only ${STATUSES.join(' or ')} holdings`)
      .option('--limit <n>', `holders listed (default ${DEFAULT_BOUNDS.roleHoldersLimit})`)
      .option('--snapshot <ref>', 'snapshot id, unique prefix, or latest', 'latest'),
  run: async ({ opts, ctx }) => {
    // The engine checks the status (checkRoleHoldersQuery), as it does for the API.
    const status = opts['status'] as RoleHoldingStatus | undefined
    const store = await ctx.openStore()
    const engine = await openEngineFor(store, String(opts['snapshot']))
    try {
      const limit = intOption(opts, 'limit', 'limit')
      const role = String(opts['role'])
      const r = await engine.roleHolders({
        role,
        ...(opts['scope'] !== undefined ? { scope: String(opts['scope']) } : {}),
        ...(status !== undefined ? { status } : {}),
        ...(limit !== undefined ? { limit } : {}),
      })
      const rows = r.holders.flatMap((h) =>
        h.holdings.map((x) => [h.id, h.kind, x.roleName, x.status + (x.isConditional && x.status === 'active' ? ' (conditional)' : ''), x.scope ?? '-', x.via.length > 0 ? x.via.join(' > ') : 'direct', x.evidence.policy]),
      )
      const table =
        r.roles.length === 0
          ? `no principal holds a role named or with id \`${role}\` in this snapshot`
          : r.holders.length === 0
            ? `nobody holds ${r.roles.map((x) => x.name).join(', ')}${r.scope ? ` at ${r.scope.join(', ')}` : ''}`
            : formatTable(['WHO', 'KIND', 'ROLE', 'STATUS', 'SCOPE', 'VIA', 'ASSIGNMENT'], rows) + (r.truncated ? `\n(truncated: ${r.total} holders in all)` : '')
      return { json: r, table }
    } finally {
      await engine.close()
    }
  },
}
