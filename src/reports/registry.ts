/**
 * @module reports/registry
 * The report table. Nothing registers itself on import.
 */
import { breakGlassReport } from './break-glass.js'
import { credentialsReport } from './credentials.js'
import { overPermissionReport } from './over-permission.js'
import type { ReportDefinition } from './types.js'

/** Every report `crownpath report <name>` and the API offer. */
export const REPORTS: readonly ReportDefinition[] = [overPermissionReport, credentialsReport, breakGlassReport]
