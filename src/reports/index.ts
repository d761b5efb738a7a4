/**
 * @module reports
 * Public surface: the report table, building and rendering report documents,
 * diffs between runs, the run store, the scheduler and the webhook.
 */
export * from './types.js'
export { REPORTS } from './registry.js'
export { buildReport, findReport, renderReport } from './run.js'
export { diffReports } from './diff.js'
export type { ReportDiff } from './diff.js'
export { FORMATTERS, FORMAT_EXTENSIONS } from './format/index.js'
export type { RenderContext } from './format/index.js'
export { ReportRunStore } from './runs.js'
export type { ReportRun, ReportRunDetail, RunFacts } from './runs.js'
export { Scheduler, ScheduleConfigSchema, ScheduleJobSchema, clearOutputs } from './scheduler.js'
export type { ScheduleConfig, ScheduleJob, SchedulerDeps } from './scheduler.js'
export { postWebhook } from './webhook.js'
export type { WebhookConfig, WebhookResult } from './webhook.js'
export { overPermissionReport } from './over-permission.js'
export { credentialsReport } from './credentials.js'
export { breakGlassReport, breakGlassIds, BREAK_GLASS_TAG } from './break-glass.js'
export { DATA_EXFILTRATION_ACTIONS, CREDENTIALS_EXPOSURE_ACTIONS } from './over-permission-grants.js'
export { loadReportInput } from './input.js'
export type { ReportInputSource } from './input.js'
