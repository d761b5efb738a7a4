/**
 * @module model/ids
 * Node id construction, in one place, so every loader, technique and query
 * spells an id the same way (DESIGN.md "The graph").
 */

/** The AWS account node id: the account root ARN. */
export function awsAccountId(accountId: string): string {
  return `arn:aws:iam::${accountId}:root`
}

/** The id of the "all resources of one service in one account" scope node. */
export function awsServiceScopeId(accountId: string, service: string): string {
  return `aws:scope:${accountId}:${service.toLowerCase()}`
}

/** The id of an AWS service principal node (`lambda.amazonaws.com`). */
export function awsServiceId(servicePrincipal: string): string {
  return `aws:service:${servicePrincipal.toLowerCase()}`
}

/** The console-password credential node of an IAM user. */
export function awsConsoleLoginId(userArn: string): string {
  return `${userArn}#console`
}

/** An Entra object id (user, group, SP, app, credential, tenant): `azure:<lower-case id>`. */
export function azureObjectId(objectId: string): string {
  return `azure:${objectId.toLowerCase()}`
}

/**
 * The node of an Entra directory role in one tenant: `azure:<roleDefinitionId>@<tenantId>`
 * (BloodHound's AZRole object id has the same shape). Lower case.
 */
export function azureDirectoryRoleId(roleDefinitionId: string, tenantId: string): string {
  return `azure:${roleDefinitionId.toLowerCase()}@${tenantId.toLowerCase()}`
}

/**
 * The node of an Azure RBAC role definition: its tenant-level ARM id
 * `/providers/microsoft.authorization/roledefinitions/<guid>`, lower case
 * (role definition GUIDs are unique across a tenant, built-in ones everywhere).
 */
export function azureRbacRoleId(roleDefinitionGuid: string): string {
  return `/providers/microsoft.authorization/roledefinitions/${roleDefinitionGuid.toLowerCase()}`
}

/** An ARM id, lower-cased (ARM ids are case-insensitive). */
export function azureArmId(armId: string): string {
  const lower = armId.toLowerCase()
  return lower.length > 1 && lower.endsWith('/') ? lower.slice(0, -1) : lower
}

/** An external OIDC identity (issuer + subject pattern). */
export function externalIdentityId(issuer: string, subject: string): string {
  return `oidc:${normaliseIssuer(issuer)}#${subject}`
}

/** Issuers are compared without scheme or trailing slash (AWS IAM stores them that way). */
export function normaliseIssuer(issuer: string): string {
  return issuer.replace(/^https?:\/\//i, '').replace(/\/+$/, '').toLowerCase()
}

/** The account id inside an ARN (`arn:aws:iam::111111111111:role/x` → `111111111111`), or null. */
export function accountOfArn(arn: string): string | null {
  const field = arnField(arn, 4)
  return field === '' ? null : field
}

/** The service of an ARN (`arn:aws:s3:::bucket` → `s3`), or null. */
export function serviceOfArn(arn: string): string | null {
  return arnField(arn, 2)
}

/**
 * Field `index` (0-5) of an ARN's six colon-separated fields, or null when it
 * has fewer than six. Found with indexOf: these run for every principal and
 * resource of an estate, and splitting allocated every field each time.
 */
function arnField(arn: string, index: number): string | null {
  let start = 0
  for (let i = 0; i < index; i += 1) {
    const colon = arn.indexOf(':', start)
    if (colon < 0) return null
    start = colon + 1
  }
  const end = arn.indexOf(':', start)
  if (end < 0) return null
  // Six fields need five colons: the ones before the resource part must all exist.
  let colons = index + 1
  for (let at = end; colons < 5; colons += 1) {
    at = arn.indexOf(':', at + 1)
    if (at < 0) return null
  }
  return arn.slice(start, end)
}

/**
 * Normalise a user-supplied node reference for lookup: Entra ids in any
 * letter case, with or without the `azure:` prefix, ARM ids in any case.
 */
export function canonicalNodeRef(ref: string): string[] {
  const candidates = [ref]
  const lower = ref.toLowerCase()
  if (/^azure:/i.test(ref)) candidates.push(`azure:${ref.slice(6).toLowerCase()}`)
  else if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref)) candidates.push(`azure:${lower}`)
  if (ref.startsWith('/')) candidates.push(azureArmId(ref))
  return [...new Set(candidates)]
}
