/**
 * @module aws/policy
 * Public surface of the AWS evaluator: parse/compile policies, evaluate
 * requests against an inventory (`compileAuthorizer`), the condition
 * operator table and the action catalogue.
 */
export * from './types.js'
export type { CompiledPolicy, CompiledStatement, CompiledPrincipal, ActionMatcher, PolicySource, PrincipalRef } from './parse.js'
export { compilePolicy, parsePolicy, compileActions, statementMatchesAction, parsePrincipalRef } from './parse.js'
export type { GrantKind, PolicyAnalysis, AnalysisSummary, StatementHit, StatementSet, PreparedRequest, ResourceMode } from './analyze.js'
export { analyzePolicy, analyzeStatementSet, buildStatementSet, summarise } from './analyze.js'
export type { EvaluationInputs, PrincipalInfo, PrincipalKind, ResourceInfo } from './evaluate.js'
export { evaluatePrepared, principalMatcher } from './evaluate.js'
export type { AwsAuthorizer, AuthorizerOptions, WhoCanEntry, AllowedActionGrant, AdminVerdict } from './authorizer.js'
export { compileAuthorizer, ADMIN_PROBE_ACTIONS } from './authorizer.js'
export type { ActionCatalog, ActionCatalogData, CatalogAction, CatalogResourceType, AccessLevel } from './catalog.js'
export { ACCESS_LEVELS, actionCatalogDataVersion, buildActionCatalog, loadActionCatalog, loadActionCatalogData, normaliseAccessLevel } from './catalog.js'
export type { ConditionOperator, CompiledCondition, Tri } from './conditions/index.js'
export { CONDITION_OPERATORS, compileConditionBlock, evaluateCondition, evaluateConditionBlock, parseOperatorName } from './conditions/index.js'
export { SERVICE_RULES } from './service-rules.js'
export type { ServiceRule } from './service-rules.js'
export { compileArnPattern, matchArn, arnPatternCovers, arnPatternOverlaps, parseArn } from './arn.js'
export { globsOverlap, globCovers, tokeniseGlob } from './glob.js'
export { toEvidence, EVIDENCE_TYPE_OF } from './evidence.js'
export { analyzeIdentity, analyzeBoundary, analyzeSession, analyzeResource, analyzeTrust, analyzeScp, analyzeRcp } from './analyzers.js'
export type { OrgChain, ChainResult, Outcome } from './evaluate.js'
