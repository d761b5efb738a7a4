/**
 * @module loaders/leaks/args
 * The leaks loader driven by option values (`crownpath ingest leaks
 * --gitleaks f | --trufflehog f`, `crownpath ingest aws --leaks f`, manifests).
 */
import { resolve } from 'node:path'
import type { InventoryPart, ProgressReporter } from '../../src/model/index.js'
import { CrownpathError } from '../../src/model/index.js'
import { loadLeaks } from './load.js'

/** What the arg-driven loader may use besides its arguments. */
export interface LeaksArgsContext {
  readonly cwd: string
  readonly progress?: ProgressReporter
}

function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '')
  return typeof value === 'string' && value !== '' ? [value] : []
}

/** `gitleaks`, `trufflehog`, `leaks` (either, auto-detected) file lists and an optional `repository`. */
export async function loadLeaksFromArgs(args: Readonly<Record<string, unknown>>, ctx: LeaksArgsContext): Promise<InventoryPart> {
  const files = (key: string): string[] => stringList(args[key]).map((f) => resolve(ctx.cwd, f))
  const gitleaks = files('gitleaks')
  const trufflehog = files('trufflehog')
  const auto = files('leaks')
  if (gitleaks.length + trufflehog.length + auto.length === 0) {
    throw new CrownpathError('CP_ERR_USAGE', { reason: 'nothing to ingest: give `--gitleaks <file>`, `--trufflehog <file>` or `--leaks <file>`' })
  }
  ctx.progress?.step('reading secret-scanner reports', { files: gitleaks.length + trufflehog.length + auto.length })
  const repository = typeof args['repository'] === 'string' ? args['repository'] : null
  return loadLeaks({ gitleaks, trufflehog, auto, repository })
}
