/**
 * @module cli/commands/report
 * `crownpath report <name>`: build one report over a snapshot and print it
 * as json, md, html, csv or sarif (or a summary table).
 */
import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { readActionCatalog } from '../../ingest/index.js'
import { CrownpathError } from '../../model/index.js'
import type { ReportFormat, ReportSettings } from '../../reports/index.js'
import { REPORTS, ReportSettingsSchema, buildReport, findReport, loadReportInput, renderReport } from '../../reports/index.js'
import type { CliCommand } from '../command.js'
import { readJsonConfig } from '../config-file.js'
import { openEngineFor } from '../engine.js'
import { formatTable } from '../table.js'
import { CLI_VERSION } from '../version.js'

function positiveInt(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new CrownpathError('CP_ERR_USAGE', { reason: `\`--${name}\` must be a whole number of days, got \`${String(value)}\`` })
  return n
}

/** The report command. */
export const reportCommand: CliCommand = {
  name: 'report',
  summary: `build a report: ${REPORTS.map((r) => r.name).join(', ')}`,
  formats: ['md', 'html', 'csv', 'sarif'],
  configure: (cmd) =>
    cmd
      .argument('<name>', `report name (${REPORTS.map((r) => r.name).join(' | ')})`)
      .option('--snapshot <ref>', 'snapshot id, unique prefix, or latest', 'latest')
      .option('--settings <file>', 'report settings JSON (thresholds, trusted accounts, break-glass ids)')
      .option('--break-glass <id...>', 'break-glass identity ids (added to the settings and tags)')
      .option('--trusted-account <id...>', 'account ids trusted by design')
      .option('--max-key-age-days <n>', 'access keys older than this are findings')
      .option('--max-unused-days <n>', 'credentials and roles unused this long are findings')
      .option('--out <file>', 'also write the output to this file'),
  run: async ({ args, opts, ctx }) => {
    const name = String(args[0])
    const report = findReport(name)
    const format = ctx.format
    if (format !== 'table' && !report.formats.includes(format as ReportFormat)) throw new CrownpathError('CP_ERR_REPORT_FORMAT', { name, format })
    const fromFile: Partial<ReportSettings> = opts['settings'] ? await readJsonConfig(resolve(ctx.cwd, String(opts['settings'])), ReportSettingsSchema) : {}
    const settings: Partial<ReportSettings> = {
      ...fromFile,
      ...(opts['breakGlass'] ? { breakGlass: [...(fromFile.breakGlass ?? []), ...(opts['breakGlass'] as string[])] } : {}),
      ...(opts['trustedAccount'] ? { trustedAccounts: [...(fromFile.trustedAccounts ?? []), ...(opts['trustedAccount'] as string[])] } : {}),
      ...(opts['maxKeyAgeDays'] !== undefined ? { maxKeyAgeDays: positiveInt('max-key-age-days', opts['maxKeyAgeDays'])! } : {}),
      ...(opts['maxUnusedDays'] !== undefined ? { maxUnusedDays: positiveInt('max-unused-days', opts['maxUnusedDays'])! } : {}),
    }
    const store = await ctx.openStore()
    const catalog = await readActionCatalog()
    const input = await loadReportInput({ store, ref: String(opts['snapshot']), openEngine: (id) => openEngineFor(store, id), settings, catalog, now: ctx.now() })
    try {
      const doc = await buildReport(name, input)
      const nodeKinds = new Map(input.nodes.map((n) => [n.id, n.kind]))
      const nodeNames = new Map(input.nodes.map((n) => [n.id, n.name]))
      const text =
        format === 'table'
          ? formatTable(['SEVERITY', 'CHECK', 'SUBJECT', 'TITLE'], doc.findings.map((f) => [f.severity, f.check, f.subjectName, f.title])) + `\n${doc.findings.length} finding(s)`
          : format === 'json'
            ? undefined
            : renderReport(doc, format as ReportFormat, { version: CLI_VERSION, nodeKinds, nodeNames })
      if (opts['out']) await writeFile(resolve(ctx.cwd, String(opts['out'])), format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : (text ?? ''))
      return { json: doc, ...(text !== undefined ? { table: text } : {}) }
    } finally {
      await input.engine.close()
    }
  },
}
