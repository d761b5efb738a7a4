/**
 * @module loaders/shared
 * What every loader shares: reading JSON and JSON-lines files with a size
 * limit and a fast garbage check, and the live collectors' bounded fan-out.
 * Schema validation is not here: it is pure and lives in src/model
 * (`assertShape`, `findSchemaProblem`). Imports only src/model.
 */
export {
  DEFAULT_MAX_INPUT_BYTES,
  findJsonPrefixError,
  formatBytes,
  parseJsonLines,
  parseJsonText,
  readInputFile,
  readJsonFile,
  reasonOf,
  type InputFile,
  type InputKind,
  type InputReadOptions,
  type JsonInput,
  type JsonLine,
  type ReadOptions,
} from './read-json.js'
export { mapWithConcurrency } from './concurrency.js'
