/**
 * @module techniques/registry
 * The tables: every provider deriver and every technique, listed explicitly
 * (nothing registers itself on import).
 */
import type { ProviderDeriver } from './derive.js'
import { awsDeriver } from './aws/index.js'
import { AZURE_DERIVER } from './azure/index.js'

/** Provider derivers, run in this order. Rows are added by the AWS and Azure technique modules. */
export const PROVIDER_DERIVERS: readonly ProviderDeriver[] = [
  awsDeriver,
  AZURE_DERIVER,
]
