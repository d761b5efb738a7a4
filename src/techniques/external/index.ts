/**
 * @module techniques/external
 * Cross-cloud identity sources (OIDC issuers and subjects) shared by the AWS and Azure derivers.
 */
export * from './oidc.js'
