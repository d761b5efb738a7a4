/**
 * @module cli/commands/snapshots
 * `crownpath snapshots list|show|delete|diff`: manage the stored snapshots.
 */
import type { SnapshotMeta } from '../../graph/index.js'
import { diffSnapshots } from '../../graph/index.js'
import type { CliCommand } from '../command.js'
import { formatKeyValues, formatTable } from '../table.js'

const list: CliCommand = {
  name: 'list',
  summary: 'list snapshots, newest first',
  run: async ({ ctx }) => {
    const store = await ctx.openStore()
    const snapshots = await store.listSnapshots()
    const table =
      snapshots.length === 0
        ? 'no snapshots yet: run `crownpath ingest` first'
        : formatTable(
            ['ID', 'CREATED', 'LABEL', 'NODES', 'EDGES', 'ISSUES'],
            snapshots.map((s) => [s.id, s.createdAt, s.label, s.nodeCount, s.edgeCount, s.issueCount]),
          )
    return { json: { snapshots }, table }
  },
}

/** The key/value block describing one snapshot. */
function describeSnapshot(meta: SnapshotMeta): string {
  const kinds = Object.entries(meta.kinds).map(([kind, count]) => `${kind} ${count}`)
  return formatKeyValues([
    ['id', meta.id],
    ['created', meta.createdAt],
    ['label', meta.label],
    ['nodes', meta.nodeCount],
    ['edges', meta.edgeCount],
    ['issues', meta.issueCount],
    ['kinds', kinds],
    ['sources', meta.sources.map((s) => `${s.loader}:${s.location}`)],
  ])
}

const show: CliCommand = {
  name: 'show',
  summary: 'describe one snapshot and list its data issues',
  configure: (cmd) => cmd.argument('<ref>', 'snapshot id, unique id prefix, or `latest`'),
  run: async ({ args, ctx }) => {
    const store = await ctx.openStore()
    const content = await store.readSnapshot(String(args[0]))
    const issues = content.issues.map((i) => `  ${i.severity} ${i.where}: ${i.message}`)
    const table = [describeSnapshot(content.meta), ...(issues.length > 0 ? ['data issues:', ...issues] : [])].join('\n')
    return { json: { snapshot: content.meta, issues: content.issues }, table }
  },
}

const remove: CliCommand = {
  name: 'delete',
  summary: 'delete one snapshot',
  configure: (cmd) => cmd.argument('<ref>', 'snapshot id, unique id prefix, or `latest`'),
  run: async ({ args, ctx }) => {
    const store = await ctx.openStore()
    const deleted = await store.deleteSnapshot(String(args[0]))
    return { json: { deleted }, table: `deleted ${deleted.id}` }
  },
}

const diff: CliCommand = {
  name: 'diff',
  summary: 'nodes, edges and tier-zero nodes added or removed between two snapshots',
  configure: (cmd) =>
    cmd.argument('<from>', 'the older snapshot (id, prefix or `latest`)').argument('[to]', 'the newer snapshot', 'latest'),
  run: async ({ args, ctx }) => {
    const store = await ctx.openStore()
    const from = await store.readSnapshot(String(args[0]))
    const to = await store.readSnapshot(String(args[1] ?? 'latest'))
    const d = diffSnapshots(from, to)
    const json = {
      from: d.from,
      to: d.to,
      addedNodes: d.addedNodes.map((n) => n.id),
      removedNodes: d.removedNodes.map((n) => n.id),
      addedEdges: d.addedEdges.map((e) => e.id),
      removedEdges: d.removedEdges.map((e) => e.id),
      newTierZero: d.newTierZero.map((n) => n.id),
      removedTierZero: d.removedTierZero.map((n) => n.id),
    }
    const table = [
      formatKeyValues([
        ['from', d.from],
        ['to', d.to],
        ['nodes', `+${d.addedNodes.length} -${d.removedNodes.length}`],
        ['edges', `+${d.addedEdges.length} -${d.removedEdges.length}`],
      ]),
      ...json.newTierZero.map((id) => `new tier zero: ${id}`),
      ...json.removedTierZero.map((id) => `no longer tier zero: ${id}`),
    ].join('\n')
    return { json, table }
  },
}

/** `crownpath snapshots ...` */
export const snapshotsCommand: CliCommand = {
  name: 'snapshots',
  summary: 'list, show, diff and delete stored snapshots',
  subcommands: [list, show, diff, remove],
}
