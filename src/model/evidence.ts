/**
 * @module model/evidence
 * Why an edge exists or a decision was taken: the policy, assignment or record
 * behind it. No edge can be built without at least one piece of evidence.
 */

/** What kind of source document an evidence item points at. */
export const EVIDENCE_TYPES = [
  'identity-policy', // AWS inline or managed policy attached to a user, group or role
  'resource-policy', // AWS resource-based policy (bucket policy, key policy, ...)
  'trust-policy', // AWS role trust policy
  'permissions-boundary',
  'scp',
  'rcp',
  'session-policy',
  'azure-role-assignment', // Azure RBAC assignment (active or PIM-eligible)
  'entra-role-assignment', // Entra directory role assignment (active or PIM-eligible)
  'app-role-assignment', // Microsoft Graph application permission granted to a service principal
  'ownership', // owner of an Entra object
  'membership', // group membership
  'federated-credential', // Entra federated identity credential
  'key-vault-access-policy', // Azure Key Vault access policy entry (access-policy permission model)
  'inventory', // a structural fact from the inventory (key belongs to user, instance profile, containment)
  'leak', // a secret-scanner finding
] as const
/** An evidence type. */
export type EvidenceType = (typeof EVIDENCE_TYPES)[number]

/**
 * One reason for an edge or a decision.
 * `policy` is the stable id of the document: a managed policy ARN, `<principalArn>#inline/<name>`
 * for inline policies, `<roleArn>#trust`, a resource ARN + `#policy`, an SCP id, an Azure
 * role assignment id, a group id for membership.
 */
export interface Evidence {
  readonly type: EvidenceType
  readonly policy: string
  /** Human name of the document when it differs from `policy` (policy name, role name). */
  readonly policyName?: string | null
  /** Zero-based statement index inside the document, when the document has statements. */
  readonly statement?: number | null
  /** Statement Sid, when present. */
  readonly sid?: string | null
  /** The action (or role permission) that matched. */
  readonly action?: string | null
  /** The resource (or scope) that matched. */
  readonly resource?: string | null
  /** One sentence for a person: what this grants. */
  readonly note?: string | null
}

/** A condition the evaluator could not resolve offline; its edge is conditional. */
export interface ConditionRef {
  /** Condition operator as written, e.g. `StringEquals`, `ForAnyValue:StringLike`, `Bool`. */
  readonly operator: string
  /** Condition key, e.g. `aws:MultiFactorAuthPresent`, or an Azure ABAC / PIM requirement. */
  readonly key: string
  readonly values: readonly string[]
  /** Where the condition is written. */
  readonly policy: string
  readonly statement?: number | null
  /** True when the condition guards a Deny: the edge holds only if this condition does NOT hold. */
  readonly negated?: boolean
}

/** A non-empty list: the type that keeps evidence-less edges from compiling. */
export type NonEmpty<T> = readonly [T, ...T[]]

/** True when a list has at least one element (narrows to NonEmpty). */
export function isNonEmpty<T>(list: readonly T[]): list is NonEmpty<T> {
  return list.length > 0
}
