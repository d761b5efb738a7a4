/**
 * @module cli/config-file
 * Read a JSON config file and validate it against its schema, with errors
 * that name the file, the path inside it and what was expected.
 */
import { readFile } from 'node:fs/promises'
import type { Static, TSchema } from 'typebox'
import { CrownpathError, findSchemaProblem } from '../model/index.js'

/** Read and validate `file` (JSON) against `schema`. */
export async function readJsonConfig<S extends TSchema>(file: string, schema: S): Promise<Static<S>> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new CrownpathError('CP_ERR_INPUT_READ', { file, reason: (error as NodeJS.ErrnoException).code ?? String(error) })
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new CrownpathError('CP_ERR_INPUT_JSON', { file, reason: (error as Error).message })
  }
  const problem = findSchemaProblem(schema, value)
  if (problem) throw new CrownpathError('CP_ERR_CONFIG_INVALID', { file, path: problem.path, reason: `expected ${problem.expected}` })
  return value as Static<S>
}
