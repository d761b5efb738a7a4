/**
 * @module cli/config-file
 * Read a JSON config file and validate it against its schema, with errors
 * that name the file, the path inside it and what was expected.
 */
import type { Static, TSchema } from 'typebox'
import { readJsonFile } from '../../loaders/shared/index.js'
import { CrownpathError, findSchemaProblem } from '../model/index.js'

/** Read and validate `file` (JSON) against `schema`. */
export async function readJsonConfig<S extends TSchema>(file: string, schema: S): Promise<Static<S>> {
  const { value } = await readJsonFile(file)
  const problem = findSchemaProblem(schema, value)
  if (problem) throw new CrownpathError('CP_ERR_CONFIG_INVALID', { file, path: problem.path, reason: `expected ${problem.expected}` })
  return value as Static<S>
}
