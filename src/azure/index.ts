/**
 * @module azure
 * Azure / Entra evaluation (see ./rbac).
 */
export * from './rbac/index.js'
