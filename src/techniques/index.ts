/**
 * @module techniques
 * Public surface: derive the graph from an inventory; the technique tables.
 */
export * from './technique.js'
export * from './derive.js'
export * from './registry.js'
export * from './external/index.js'
export { AZURE_TECHNIQUES, AZURE_DERIVER, buildAzureTechniqueContext, deriveAzure } from './azure/index.js'
export type { AzureTechniqueContext, AzureIndex } from './azure/index.js'
export { AWS_TECHNIQUES, awsDeriver, buildAwsTechniqueContext, deriveAws, makeAwsDeriver } from './aws/index.js'
export type { AwsTechniqueContext, AwsAuthorizerLike, CompileAuthorizer } from './aws/index.js'
