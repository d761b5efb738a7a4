/**
 * @module cli/commands/tokens
 * `crownpath tokens create|list|revoke`: API tokens for `serve`, kept hashed
 * in the store's SQLite file. The secret is printed once, at creation.
 */
import type { Role, TokenRepository } from '../../api/index.js'
import { CrownpathError } from '../../model/index.js'
import type { CliCommand, CliContext } from '../command.js'
import { formatTable } from '../table.js'

/** The API layer, loaded when a token command runs: it brings the HTTP server's packages, which other commands do not need. */
async function loadApi(): Promise<typeof import('../../api/index.js')> {
  return import('../../api/index.js')
}

async function withTokens<T>(ctx: CliContext, fn: (repo: TokenRepository) => T): Promise<T> {
  const repo = (await loadApi()).openTokenRepository(ctx.globals.db)
  try {
    return fn(repo)
  } finally {
    repo.close()
  }
}

const create: CliCommand = {
  name: 'create',
  summary: 'create an API token (printed once)',
  configure: (cmd) =>
    cmd.requiredOption('--role <role>', `viewer | analyst | admin`).requiredOption('--name <name>', 'who or what the token is for'),
  run: async ({ opts, ctx }) => {
    const role = String(opts['role'])
    const { ROLES } = await loadApi()
    if (!(ROLES as readonly string[]).includes(role)) throw new CrownpathError('CP_ERR_USAGE', { reason: `unknown role \`${role}\`: expected one of ${ROLES.join(', ')}` })
    const created = await withTokens(ctx, (repo) => repo.create({ name: String(opts['name']), role: role as Role, now: ctx.now() }))
    return {
      json: { ...created.record, token: created.token },
      table: `token ${created.record.id} (${created.record.role}) for ${created.record.name}:\n${created.token}\nstore it now: it is not shown again`,
    }
  },
}

const list: CliCommand = {
  name: 'list',
  summary: 'list API tokens (never their secrets)',
  run: async ({ ctx }) => {
    const tokens = await withTokens(ctx, (repo) => repo.list())
    return {
      json: { tokens },
      table: tokens.length === 0 ? 'no API tokens' : formatTable(['ID', 'NAME', 'ROLE', 'CREATED', 'LAST USED', 'REVOKED'], tokens.map((t) => [t.id, t.name, t.role, t.createdAt, t.lastUsedAt, t.revokedAt])),
    }
  },
}

const revoke: CliCommand = {
  name: 'revoke',
  summary: 'revoke an API token by id or name',
  configure: (cmd) => cmd.argument('<token>', 'token id (tok_…) or name'),
  run: async ({ args, ctx }) => {
    const record = await withTokens(ctx, (repo) => repo.revoke(String(args[0]), ctx.now()))
    return { json: { revoked: record }, table: `revoked ${record.id} (${record.name})` }
  },
}

/** The tokens command group. */
export const tokensCommand: CliCommand = {
  name: 'tokens',
  summary: 'manage API tokens for `serve`',
  subcommands: [create, list, revoke],
}
