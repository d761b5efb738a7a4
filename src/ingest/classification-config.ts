/**
 * @module ingest/classification-config
 * The classification config file (`--classification <file>`): JSON
 * `{ "tagKeys": [...], "rules": [{ "match": "<glob>", "classification": "restricted" }] }`,
 * validated with TypeBox; errors name the file, the path and what was expected.
 */
import Type from 'typebox'
import { readJsonFile } from '../../loaders/shared/index.js'
import type { ClassificationConfig } from '../model/index.js'
import { CLASSIFICATIONS, CrownpathError, DEFAULT_CLASSIFICATION_TAG_KEYS, findSchemaProblem } from '../model/index.js'

/** The file's schema. Both keys are optional; unknown keys are refused (a typo must not pass silently). */
export const CLASSIFICATION_CONFIG_SCHEMA = Type.Object(
  {
    tagKeys: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    rules: Type.Optional(
      Type.Array(
        Type.Object(
          {
            match: Type.String({ minLength: 1 }),
            classification: Type.Enum([...CLASSIFICATIONS]),
          },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { additionalProperties: false },
)

/** Validate a parsed config; `file` names it in errors. */
export function parseClassificationConfig(value: unknown, file: string): ClassificationConfig {
  const problem = findSchemaProblem(CLASSIFICATION_CONFIG_SCHEMA, value)
  if (problem) throw new CrownpathError('CP_ERR_CONFIG_INVALID', { file, path: problem.path, reason: `expected ${problem.expected}` })
  const config = value as { tagKeys?: string[]; rules?: ClassificationConfig['rules'] }
  return { tagKeys: config.tagKeys ?? DEFAULT_CLASSIFICATION_TAG_KEYS, rules: config.rules ?? [] }
}

/** Read and validate a classification config file. */
export async function loadClassificationConfig(file: string): Promise<ClassificationConfig> {
  // The loaders' reader: CP_ERR_INPUT_READ / CP_ERR_INPUT_JSON / CP_ERR_INPUT_TOO_LARGE naming the file.
  const { value } = await readJsonFile(file)
  return parseClassificationConfig(value, file)
}
