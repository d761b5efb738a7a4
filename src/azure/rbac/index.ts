/**
 * @module azure/rbac
 * Public surface of the Azure / Entra evaluation: RBAC effective permissions
 * with scope inheritance, deny assignments and conditions; built-in role
 * tables; Entra directory roles and who they act on; dangerous Graph
 * application permissions.
 */
export * from './actions.js'
export * from './scope.js'
export * from './role-definitions.js'
export * from './conditions.js'
export * from './evaluate.js'
export * from './entra-roles.js'
export * from './graph-permissions.js'
