/**
 * @module cli/commands/simulate
 * `crownpath simulate --principal <id> --action <svc:Action> --resource <arn>
 * [--context key=value]... [--absent key]... [--snapshot ref]`: decide one
 * AWS request against a stored snapshot's inventory and show the statements
 * that decided it.
 */
import type { Command } from 'commander'
import type { AwsInventory } from '../../model/index.js'
import { CrownpathError } from '../../model/index.js'
import type { EvaluationResult } from '../../aws/policy/index.js'
import { compileAuthorizer } from '../../aws/policy/index.js'
import type { CliCommand } from '../command.js'
import { formatKeyValues } from '../table.js'

/** Collect repeated options into a list (commander's variadic accumulator). */
function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value]
}

/** `key=value` pairs → context; a key given twice becomes multi-valued. */
export function parseContextPairs(pairs: readonly string[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const pair of pairs) {
    const eq = pair.indexOf('=')
    if (eq <= 0) throw new CrownpathError('CP_ERR_USAGE', { reason: `--context expects key=value, got \`${pair}\`` })
    const key = pair.slice(0, eq)
    const value = pair.slice(eq + 1)
    const existing = out[key]
    out[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value]
  }
  return out
}

/**
 * Resolve `--principal`: an inventory user/role ARN, a unique user/role
 * name, a role-session ARN of an inventory role, the root of an inventory
 * account, or a service principal. Anything else is CP_ERR_NODE_NOT_FOUND.
 */
export function resolvePrincipal(aws: AwsInventory, ref: string): string {
  const principals = [...aws.users, ...aws.roles]
  if (principals.some((p) => p.arn === ref)) return ref
  if (!ref.includes(':')) {
    if (/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/i.test(ref)) return ref
    const byName = principals.filter((p) => p.name === ref)
    if (byName.length === 1) return (byName[0] as { arn: string }).arn
  }
  const accounts = new Set([...aws.accounts.map((a) => a.id), ...principals.map((p) => p.accountId)])
  const root = /^arn:aws[\w-]*:iam::(\d{12}):root$/.exec(ref)
  if (root !== null && accounts.has(root[1] as string)) return ref
  const session = /^arn:aws[\w-]*:sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(ref)
  if (session !== null && aws.roles.some((r) => r.accountId === session[1] && r.name === session[2])) return ref
  throw new CrownpathError('CP_ERR_NODE_NOT_FOUND', { id: ref })
}

/** The JSON document `simulate --format json` prints. */
export function simulationJson(result: EvaluationResult): Record<string, unknown> {
  return {
    decision: result.decision,
    conditional: result.conditional,
    unresolvedConditions: result.unresolvedConditions,
    matched: result.matched.map((m) => ({ policy: m.policy, statement: m.statement, effect: m.effect, policyType: m.policyType, sid: m.sid })),
  }
}

/** `crownpath simulate`. */
export const simulateCommand: CliCommand = {
  name: 'simulate',
  summary: 'decide one AWS request (principal, action, resource) and show the statements behind the decision',
  configure: (cmd: Command) => {
    cmd
      .requiredOption('--principal <id>', 'principal ARN (user, role, role session, account root) or a unique user/role name')
      .requiredOption('--action <svc:Action>', 'the action, e.g. s3:GetObject')
      .requiredOption('--resource <arn>', 'resource ARN, `*`, or a pattern for a resource the caller would create')
      .option('--context <key=value>', 'a known request context value (repeatable; a key given twice is multi-valued)', collect, [])
      .option('--absent <key>', 'a context key known to be absent from the request (repeatable)', collect, [])
      .option('--snapshot <ref>', 'snapshot id, unique id prefix, or `latest`', 'latest')
  },
  run: async ({ opts, ctx }) => {
    const store = await ctx.openStore()
    const inventory = await store.readInventory(String(opts.snapshot ?? 'latest'))
    const principal = resolvePrincipal(inventory.aws, String(opts.principal))
    const authorizer = compileAuthorizer(inventory.aws)
    const result = authorizer.evaluate({
      principal,
      action: String(opts.action),
      resource: String(opts.resource),
      context: parseContextPairs((opts.context as string[] | undefined) ?? []),
      absentKeys: (opts.absent as string[] | undefined) ?? [],
    })
    const json = simulationJson(result)
    const table = formatKeyValues([
      ['decision', result.conditional ? `${result.decision} (conditional)` : result.decision],
      ['principal', principal],
      ['action', String(opts.action)],
      ['resource', String(opts.resource)],
      ['matched', result.matched.map((m) => `${m.effect} ${m.policy} statement ${m.statement}${m.sid ? ` (${m.sid})` : ''}`)],
      ['unresolved', result.unresolvedConditions.map((c) => `${c.negated ? 'not ' : ''}${c.operator} ${c.key} ${JSON.stringify(c.values)}`)],
    ])
    return { json, table }
  },
}
