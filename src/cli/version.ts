/**
 * @module cli/version
 * The package version, read once from package.json.
 */
import { readFileSync } from 'node:fs'

/** Read the version from package.json (two levels up in src, three in dist/src). */
export function readVersion(): string {
  for (const relative of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: string; version?: string }
      if (pkg.name === 'crownpath' && pkg.version) return pkg.version
    } catch {
      // Try the next candidate: the layout differs between src (tsx) and dist.
    }
  }
  return '0.0.0'
}

/** The version of this crownpath. */
export const CLI_VERSION = readVersion()
