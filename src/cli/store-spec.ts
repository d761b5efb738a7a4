/**
 * @module cli/store-spec
 * `--store` / `--db` (and the environment) → the description of the store to open.
 */
import type { StoreSpec } from '../graph/index.js'
import { resolveNeo4jSettings } from '../graph/index.js'
import type { GlobalOptions } from './command.js'

/** Which store the CLI opens: the SQLite file of `--db`, or Neo4j from the NEO4J_* environment. */
export function storeSpecFromOptions(globals: GlobalOptions, env: Readonly<Record<string, string | undefined>>): StoreSpec {
  switch (globals.store) {
    case 'memory':
      return { kind: 'memory', path: globals.db }
    case 'neo4j':
      // NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE (issue 7); no URI → CP_ERR_USAGE.
      return neo4jSpecFromEnv(env)
  }
}

/** The Neo4j spec from the environment, checked now so a missing URI fails before anything else runs. */
function neo4jSpecFromEnv(env: Readonly<Record<string, string | undefined>>): StoreSpec {
  const settings = resolveNeo4jSettings({ kind: 'neo4j' }, env)
  return {
    kind: 'neo4j',
    uri: settings.uri,
    ...(settings.username !== null ? { username: settings.username } : {}),
    ...(settings.password !== null ? { password: settings.password } : {}),
    ...(settings.database !== null ? { database: settings.database } : {}),
  }
}
