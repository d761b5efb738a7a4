/**
 * @module cli/commands/generate
 * `crownpath generate --scale S|M|L --seed N --out <dir>`: write a seeded
 * synthetic organisation in the real input formats, with a manifest.
 */
import { resolve } from 'node:path'
import { SCALES, generateOrganisation } from '../../generate/index.js'
import type { ScaleName } from '../../generate/index.js'
import { CrownpathError } from '../../model/index.js'
import type { CliCommand } from '../command.js'
import { formatKeyValues } from '../table.js'

/** The generate command. */
export const generateCommand: CliCommand = {
  name: 'generate',
  summary: 'write a seeded synthetic organisation (S = 1k, M = 10k, L = 100k principals) in real input formats',
  configure: (cmd) =>
    cmd
      .option('--scale <scale>', `organisation size: ${Object.keys(SCALES).join(' | ')}`, 'S')
      .option('--seed <n>', 'random seed (same seed, same files)', '1')
      .requiredOption('--out <dir>', 'output directory (created)'),
  run: async ({ opts, ctx }) => {
    const scale = String(opts['scale']).toUpperCase()
    if (!Object.hasOwn(SCALES, scale)) throw new CrownpathError('CP_ERR_USAGE', { reason: `\`--scale\` must be one of ${Object.keys(SCALES).join(', ')}, got \`${String(opts['scale'])}\`` })
    const seed = Number(opts['seed'])
    if (!Number.isInteger(seed)) throw new CrownpathError('CP_ERR_USAGE', { reason: `\`--seed\` must be an integer, got \`${String(opts['seed'])}\`` })
    const out = resolve(ctx.cwd, String(opts['out']))
    const result = await generateOrganisation(scale as ScaleName, seed, out)
    return {
      json: { out, scale, seed, manifest: `${out}/manifest.json`, counts: result.counts, files: result.files },
      table: formatKeyValues([['out', out], ['manifest', `${out}/manifest.json`], ...Object.entries(result.counts).map(([k, v]) => [k, v] as [string, number])]),
    }
  },
}
