/**
 * @module loaders/azure/read
 * File I/O for the Azure loaders: reads AzureHound files (JSON envelope or
 * NDJSON) and `az` CLI export directories with the shared reader
 * (loaders/shared: size limit, garbage fast-fail, fingerprint). Throws coded
 * errors for unreadable or unparseable files; shapes are checked by the transforms.
 */
import { readdir, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { SourceRef } from '../../src/model/index.js'
import { CrownpathError } from '../../src/model/index.js'
import { parseJsonLines, parseJsonText, readInputFile, readJsonFile as readSharedJsonFile } from '../shared/index.js'
import type { AzureHoundDocument } from './transform/azurehound.js'
import type { AzCliExport, AzCliFile } from './transform/az-cli.js'

function sourceOf(loader: string, file: string, sha256: string): SourceRef {
  return { loader, location: file, sha256, collectedAt: null }
}

/** True when the first non-empty line is itself a complete `{"kind": …}` object (AzureHound stdout mode). */
function looksLikeNdjson(text: string): boolean {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '')
  if (!first) return false
  try {
    const v = JSON.parse(first) as unknown
    return v !== null && typeof v === 'object' && !Array.isArray(v) && 'kind' in v
  } catch {
    return false
  }
}

/**
 * Read AzureHound output files: the `-o` envelope (any version, or the older
 * per-type files) or NDJSON records (stdout mode). A truncated or otherwise
 * invalid file fails with CP_ERR_INPUT_JSON naming the file (and line, for NDJSON).
 */
export async function readAzureHoundFiles(files: readonly string[], loader = 'azurehound'): Promise<AzureHoundDocument[]> {
  const docs: AzureHoundDocument[] = []
  for (const file of files) {
    // NDJSON opens with `{` too; only its first line is sniffed as a JSON prefix.
    const input = await readInputFile(file, 'jsonl', { opening: ['{', '['] })
    const { text } = input
    if (text.trim() === '') throw new CrownpathError('CP_ERR_INPUT_FORMAT', { file, reason: 'the file is empty' })
    let isWholeJson = true
    let whole: unknown
    try {
      whole = JSON.parse(text)
    } catch {
      isWholeJson = false
    }
    const source = sourceOf(loader, file, input.sha256)
    if (isWholeJson) {
      docs.push({ file, format: 'json', content: whole, source })
      continue
    }
    if (!looksLikeNdjson(text)) parseJsonText(file, text) // throws with JSON.parse's reason
    const lines = parseJsonLines(file, text)
    docs.push({ file, format: 'ndjson', content: lines.map((l) => l.value), lineNumbers: lines.map((l) => l.line), source })
  }
  return docs
}

/**
 * The files an `az` CLI export directory may hold, each the JSON printed by
 * the command beside it. Only `role-assignments.json` is required.
 */
export const AZ_CLI_FILES = {
  roleAssignments: 'role-assignments.json', // az role assignment list --all
  roleDefinitions: 'role-definitions.json', // az role definition list
  servicePrincipals: 'service-principals.json', // az ad sp list --all
  apps: 'apps.json', // az ad app list --all
  users: 'users.json', // az ad user list
  groups: 'groups.json', // az ad group list
  subscriptions: 'subscriptions.json', // az account list --all
  tenant: 'tenant.json', // az account show (for tenantId)
} as const

/** Sub-directories of an `az` CLI export, one file per object. */
export const AZ_CLI_DIRS = {
  groupMembers: 'group-members', // az ad group member list --group <id>  →  group-members/<groupId>.json
  groupOwners: 'group-owners', // az ad group owner list --group <id>   →  group-owners/<groupId>.json
  appOwners: 'app-owners', // az ad app owner list --id <appId>       →  app-owners/<appId or objectId>.json
  spOwners: 'sp-owners', // az ad sp owner list --id <id>            →  sp-owners/<spId>.json
  federatedCredentials: 'federated-credentials', // az ad app federated-credential list --id <appId> → federated-credentials/<appId>.json
} as const

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}

async function readJsonFile(file: string): Promise<AzCliFile> {
  const { value, sha256 } = await readSharedJsonFile(file)
  return { file, content: value, sha256 }
}

/** Read every `<key>.json` under one sub-directory. */
async function readKeyedDir(dir: string): Promise<(AzCliFile & { key: string })[]> {
  if (!(await exists(dir))) return []
  const names = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith('.json')).sort()
  const out: (AzCliFile & { key: string })[] = []
  for (const name of names) out.push({ ...(await readJsonFile(join(dir, name))), key: basename(name, '.json') })
  return out
}

/** Read an `az` CLI export directory (see {@link AZ_CLI_FILES} and {@link AZ_CLI_DIRS}). */
export async function readAzCliDirectory(dir: string): Promise<AzCliExport> {
  let isDir = false
  try {
    isDir = (await stat(dir)).isDirectory()
  } catch (err) {
    throw new CrownpathError('CP_ERR_INPUT_READ', { file: dir, reason: (err as Error).message }, { cause: err })
  }
  if (!isDir) throw new CrownpathError('CP_ERR_INPUT_READ', { file: dir, reason: 'not a directory' })
  const files: Partial<Record<keyof typeof AZ_CLI_FILES, AzCliFile>> = {}
  for (const [key, name] of Object.entries(AZ_CLI_FILES) as [keyof typeof AZ_CLI_FILES, string][]) {
    const path = join(dir, name)
    if (await exists(path)) files[key] = await readJsonFile(path)
  }
  if (!files.roleAssignments) {
    throw new CrownpathError('CP_ERR_INPUT_FORMAT', {
      file: dir,
      reason: `no \`${AZ_CLI_FILES.roleAssignments}\` (the output of \`az role assignment list --all\`) in the directory`,
    })
  }
  return {
    dir,
    files,
    groupMembers: await readKeyedDir(join(dir, AZ_CLI_DIRS.groupMembers)),
    groupOwners: await readKeyedDir(join(dir, AZ_CLI_DIRS.groupOwners)),
    appOwners: await readKeyedDir(join(dir, AZ_CLI_DIRS.appOwners)),
    spOwners: await readKeyedDir(join(dir, AZ_CLI_DIRS.spOwners)),
    federatedCredentials: await readKeyedDir(join(dir, AZ_CLI_DIRS.federatedCredentials)),
  }
}
