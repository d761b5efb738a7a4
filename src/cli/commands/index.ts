/**
 * @module cli/commands
 * The table of CLI commands, in `--help` order. One file per command; add a
 * row here to register it (nothing registers itself on import).
 */
import type { CliCommand } from '../command.js'
import { ingestCommand } from './ingest.js'
import { snapshotsCommand } from './snapshots.js'
import { reportCommand } from './report.js'
import { scheduleCommand } from './schedule.js'
import { generateCommand } from './generate.js'
import { simulateCommand } from './simulate.js'
import { pathCommand } from './path.js'
import { blastRadiusCommand } from './blast-radius.js'
import { whoCanCommand } from './who-can.js'
import { whoHoldsCommand } from './who-holds.js'
import { chokePointsCommand } from './choke-points.js'
import { privescCommand } from './privesc.js'
import { serveCommand } from './serve.js'
import { tokensCommand } from './tokens.js'

/** Every top-level command. */
export const COMMANDS: readonly CliCommand[] = [
  ingestCommand,
  snapshotsCommand,
  reportCommand,
  scheduleCommand,
  generateCommand,
  simulateCommand,
  pathCommand,
  blastRadiusCommand,
  whoCanCommand,
  whoHoldsCommand,
  chokePointsCommand,
  privescCommand,
  serveCommand,
  tokensCommand,
]
