/**
 * @module model/kinds
 * The one table of graph node and edge kinds. Types, groupings, Neo4j labels,
 * the API enums, the web legend and docs/graph.md are all derived from it.
 */

/** Which cloud (or neither) a node belongs to. */
export const PROVIDERS = ['aws', 'azure', 'external'] as const
/** A provider id. */
export type Provider = (typeof PROVIDERS)[number]

/**
 * What part a node plays in an attack path. `role` nodes (a directory or RBAC
 * role definition) take no part: only the descriptive holding edges reach them.
 */
export type NodeRole = 'principal' | 'credential' | 'resource' | 'scope' | 'identity-source' | 'role'

/** Metadata for one node kind. */
export interface NodeKindSpec {
  readonly provider: Provider
  readonly role: NodeRole
  /** Attributes (beyond the common ones) a node of this kind must carry in `properties`. */
  readonly requiredProperties: readonly string[]
  /** True when a node of this kind is tier zero by construction (its controller controls a whole scope). */
  readonly isTierZeroScope: boolean
  readonly description: string
}

/**
 * Node kinds. Ids follow DESIGN.md: ARN for AWS principals and resources, the
 * access key id for keys, `azure:<objectId>` (lower case) for Entra objects,
 * the lower-cased ARM id for Azure resources.
 */
export const NODE_KINDS = {
  AWSAccount: {
    provider: 'aws',
    role: 'scope',
    requiredProperties: ['accountId'],
    isTierZeroScope: true,
    description: 'An AWS account (id `arn:aws:iam::<account>:root`); admin-equivalent principals reach it and it contains everything in the account.',
  },
  AWSServiceScope: {
    provider: 'aws',
    role: 'scope',
    requiredProperties: ['accountId', 'service'],
    isTierZeroScope: false,
    description: 'All resources of one service in one account (id `aws:scope:<account>:<service>`); wildcard grants reach resources through it instead of one edge per resource.',
  },
  AWSUser: {
    provider: 'aws',
    role: 'principal',
    requiredProperties: ['accountId'],
    isTierZeroScope: false,
    description: 'An IAM user (id: its ARN).',
  },
  AWSRole: {
    provider: 'aws',
    role: 'principal',
    requiredProperties: ['accountId'],
    isTierZeroScope: false,
    description: 'An IAM role (id: its ARN).',
  },
  AWSGroup: {
    provider: 'aws',
    role: 'principal',
    requiredProperties: ['accountId'],
    isTierZeroScope: false,
    description: 'An IAM group (id: its ARN); members act with its policies.',
  },
  AWSAccessKey: {
    provider: 'aws',
    role: 'credential',
    requiredProperties: ['status'],
    isTierZeroScope: false,
    description: 'An IAM access key (id: the access key id, never the secret).',
  },
  AWSConsoleLogin: {
    provider: 'aws',
    role: 'credential',
    requiredProperties: [],
    isTierZeroScope: false,
    description: 'A console password of an IAM user (id `<userArn>#console`); the password itself is never read.',
  },
  AWSIdentityProvider: {
    provider: 'aws',
    role: 'identity-source',
    requiredProperties: ['accountId'],
    isTierZeroScope: false,
    description: 'An IAM OIDC or SAML identity provider (id: its ARN).',
  },
  AWSService: {
    provider: 'aws',
    role: 'identity-source',
    requiredProperties: [],
    isTierZeroScope: false,
    description: 'An AWS service principal such as `lambda.amazonaws.com` (id `aws:service:<name>`).',
  },
  AWSResource: {
    provider: 'aws',
    role: 'resource',
    requiredProperties: ['accountId', 'resourceType'],
    isTierZeroScope: false,
    description: 'An AWS resource (id: its ARN) with `resourceType` such as `s3:bucket` or `lambda:function`.',
  },
  AZTenant: {
    provider: 'azure',
    role: 'scope',
    requiredProperties: ['tenantId'],
    isTierZeroScope: true,
    description: 'An Entra ID tenant (id `azure:<tenantId>`); Global Administrator equivalents reach it.',
  },
  AZUser: {
    provider: 'azure',
    role: 'principal',
    requiredProperties: ['tenantId'],
    isTierZeroScope: false,
    description: 'An Entra user (id `azure:<objectId>`).',
  },
  AZGroup: {
    provider: 'azure',
    role: 'principal',
    requiredProperties: ['tenantId'],
    isTierZeroScope: false,
    description: 'An Entra group (id `azure:<objectId>`).',
  },
  AZServicePrincipal: {
    provider: 'azure',
    role: 'principal',
    requiredProperties: ['tenantId'],
    isTierZeroScope: false,
    description: 'An Entra service principal (id `azure:<objectId>`).',
  },
  AZApp: {
    provider: 'azure',
    role: 'principal',
    requiredProperties: ['tenantId', 'appId'],
    isTierZeroScope: false,
    description: 'An Entra application registration (id `azure:<objectId>`); its credentials authenticate as its service principal.',
  },
  AZManagedIdentity: {
    provider: 'azure',
    role: 'principal',
    requiredProperties: ['tenantId'],
    isTierZeroScope: false,
    description: 'A managed identity (id `azure:<principalId>`), system- or user-assigned.',
  },
  AZCredential: {
    provider: 'azure',
    role: 'credential',
    requiredProperties: ['credentialType'],
    isTierZeroScope: false,
    description: 'A client secret, certificate or federated identity credential of an app or service principal (id `azure:<keyId or credential id>`); secret values are never read.',
  },
  AZManagementGroup: {
    provider: 'azure',
    role: 'scope',
    requiredProperties: ['tenantId'],
    isTierZeroScope: true,
    description: 'An Azure management group (id: lower-cased ARM id).',
  },
  AZSubscription: {
    provider: 'azure',
    role: 'scope',
    requiredProperties: ['subscriptionId'],
    isTierZeroScope: true,
    description: 'An Azure subscription (id: lower-cased ARM id `/subscriptions/<id>`).',
  },
  AZResourceGroup: {
    provider: 'azure',
    role: 'scope',
    requiredProperties: ['subscriptionId'],
    isTierZeroScope: true,
    description: 'An Azure resource group (id: lower-cased ARM id).',
  },
  AZResource: {
    provider: 'azure',
    role: 'resource',
    requiredProperties: ['subscriptionId', 'resourceType'],
    isTierZeroScope: false,
    description: 'An Azure resource (id: lower-cased ARM id) with `resourceType` such as `Microsoft.KeyVault/vaults`.',
  },
  AZDevice: {
    provider: 'azure',
    role: 'resource',
    requiredProperties: ['tenantId'],
    isTierZeroScope: false,
    description: 'An Entra-registered or -joined device (id `azure:<objectId>`); Intune Administrators run scripts on the Windows ones.',
  },
  AZRole: {
    provider: 'azure',
    role: 'role',
    requiredProperties: ['roleId', 'roleSystem'],
    isTierZeroScope: false,
    description: 'An Entra directory role (id `azure:<roleDefinitionId>@<tenantId>`, `roleSystem` `entra`) or an Azure RBAC role definition (id `/providers/microsoft.authorization/roledefinitions/<guid>`, `roleSystem` `rbac`) that some principal holds. Only HasRole / EligibleForRole edges reach it, and path queries never follow those.',
  },
  ExternalIdentity: {
    provider: 'external',
    role: 'identity-source',
    requiredProperties: ['issuer', 'subject'],
    isTierZeroScope: false,
    description: 'An OIDC issuer + subject pattern (id `oidc:<issuer>#<subject>`), e.g. a CI repository, trusted by an AWS role or an Entra federated credential.',
  },
} as const satisfies Record<string, NodeKindSpec>

/** A node kind name. */
export type NodeKind = keyof typeof NODE_KINDS
/** Every node kind, in table order. */
export const NODE_KIND_NAMES = Object.keys(NODE_KINDS) as NodeKind[]

/** Metadata for one edge kind. */
export interface EdgeKindSpec {
  /** True when path queries may follow the edge; false for descriptive kinds (role holdings). */
  readonly traversable: boolean
  /** True when the edge comes from an escalation technique (and so carries a technique id). */
  readonly derived: boolean
  /**
   * Structural edges (membership, containment, credential ownership) cannot be
   * cut by themselves in a remediation; the min-cut proposes changing the policy
   * or assignment in their evidence instead.
   */
  readonly isStructural: boolean
  /** Default cost when the producer does not set one. */
  readonly defaultCost: number
  /**
   * Set on the descriptive edges that record a role holding (principal → role
   * node): the status of the assignments they carry. Such edges are not
   * traversable; `roleHolders` queries read them.
   */
  readonly holding?: RoleHoldingStatus
  readonly description: string
}

/** Whether a role holding is in force (`active`) or must first be activated (`eligible`, e.g. PIM). */
export type RoleHoldingStatus = 'active' | 'eligible'

/**
 * Edge kinds. Every traversable edge reads "whoever controls the source can
 * control / act as / read the target"; the holding kinds (`holding` set) only
 * describe who holds which role and are never traversed.
 */
export const EDGE_KINDS = {
  MemberOf: {
    traversable: true,
    derived: false,
    isStructural: true,
    defaultCost: 0,
    description: 'A member acts with the permissions of its group (IAM group, Entra group).',
  },
  AuthenticatesAs: {
    traversable: true,
    derived: false,
    isStructural: true,
    defaultCost: 0,
    description: 'A credential (access key, console password, client secret, federated credential) signs in as its principal.',
  },
  Contains: {
    traversable: true,
    derived: false,
    isStructural: true,
    defaultCost: 0,
    description: 'A scope contains a child (account → service scope → resource, tenant → management group → subscription → resource group → resource); control of the scope is control of the child.',
  },
  RunsAs: {
    traversable: true,
    derived: false,
    isStructural: true,
    defaultCost: 1,
    description: 'Compute (instance, function, notebook, VM) runs with the identity of a role or managed identity; code execution in it yields that identity.',
  },
  CanAssume: {
    traversable: true,
    derived: true,
    isStructural: false,
    defaultCost: 1,
    description: 'The source can obtain a session as the target role (sts:AssumeRole, AssumeRoleWithWebIdentity, AssumeRoleWithSAML), both sides of the trust evaluated.',
  },
  CanEscalateTo: {
    traversable: true,
    derived: true,
    isStructural: false,
    defaultCost: 2,
    description: 'The source can become the target principal through an escalation technique (credential creation, policy or trust rewrite, PassRole to compute, Entra role abuse).',
  },
  CanControl: {
    traversable: true,
    derived: true,
    isStructural: false,
    defaultCost: 2,
    description: 'The source can run code in or reconfigure the target resource (update a function, send a command to an instance, run command on a VM); follow RunsAs from there.',
  },
  AdminTo: {
    traversable: true,
    derived: true,
    isStructural: false,
    defaultCost: 1,
    description: 'The source is admin-equivalent over a tier-zero scope (AWS account, Entra tenant, management group, subscription, resource group), directly or by granting itself admin.',
  },
  CanAccess: {
    traversable: true,
    derived: true,
    isStructural: false,
    defaultCost: 1,
    description: 'The source may act on the target resource or service scope with the listed access levels (List, Read, Write, Permissions management, Tagging).',
  },
  HasRole: {
    traversable: false,
    derived: false,
    isStructural: true,
    defaultCost: 0,
    holding: 'active',
    description: 'Descriptive, never followed by path queries: the source holds the target role through active assignments, one evidence item each (`resource` = node id of the assignment scope). What the role lets it do is drawn by technique edges.',
  },
  EligibleForRole: {
    traversable: false,
    derived: false,
    isStructural: true,
    defaultCost: 0,
    holding: 'eligible',
    description: 'Descriptive, never followed by path queries: the source is eligible for the target role (PIM) and must activate it first; one evidence item per eligible assignment, its activation requirements in `conditions`.',
  },
} as const satisfies Record<string, EdgeKindSpec>

/** An edge kind name. */
export type EdgeKind = keyof typeof EDGE_KINDS
/** Every edge kind, in table order. */
export const EDGE_KIND_NAMES = Object.keys(EDGE_KINDS) as EdgeKind[]

/** Edge kinds path queries follow by default. */
export const TRAVERSABLE_EDGES: readonly EdgeKind[] = EDGE_KIND_NAMES.filter((k) => EDGE_KINDS[k].traversable)
/** Edge kinds a remediation cannot cut directly (it changes their evidence instead). */
export const STRUCTURAL_EDGES: readonly EdgeKind[] = EDGE_KIND_NAMES.filter((k) => EDGE_KINDS[k].isStructural)
/** Node kinds that are tier zero by construction. */
export const TIER_ZERO_KINDS: readonly NodeKind[] = NODE_KIND_NAMES.filter((k) => NODE_KINDS[k].isTierZeroScope)
/** Node kinds that are principals (sources of privesc findings). */
export const PRINCIPAL_KINDS: readonly NodeKind[] = NODE_KIND_NAMES.filter((k) => NODE_KINDS[k].role === 'principal')
/** Node kinds that are credentials (starting points of `--from exposed`). */
export const CREDENTIAL_KINDS: readonly NodeKind[] = NODE_KIND_NAMES.filter((k) => NODE_KINDS[k].role === 'credential')
/** Node kinds that stand for a role definition (targets of holding edges). */
export const ROLE_KINDS: readonly NodeKind[] = NODE_KIND_NAMES.filter((k) => NODE_KINDS[k].role === 'role')
/** Edge kinds that record a role holding, with the status each stands for. */
export const HOLDING_EDGES: Readonly<Partial<Record<EdgeKind, RoleHoldingStatus>>> = Object.fromEntries(
  EDGE_KIND_NAMES.flatMap((k) => {
    const status = (EDGE_KINDS[k] as EdgeKindSpec).holding
    return status ? [[k, status]] : []
  }),
)
/** Node kinds that are resources (carry a classification). */
export const RESOURCE_KINDS: readonly NodeKind[] = NODE_KIND_NAMES.filter((k) => NODE_KINDS[k].role === 'resource')

/** Data classification tiers, least to most sensitive. */
export const CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted'] as const
/** A data classification tier. */
export type Classification = (typeof CLASSIFICATIONS)[number]

/** AWS IAM access levels (as in the Service Authorization Reference), also used for Azure data/control actions. */
export const ACCESS_LEVELS = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'] as const
/** An access level. */
export type AccessLevel = (typeof ACCESS_LEVELS)[number]

/** True when `kind` is a declared node kind. */
export function isNodeKind(kind: string): kind is NodeKind {
  return Object.hasOwn(NODE_KINDS, kind)
}

/** True when `kind` is a declared edge kind. */
export function isEdgeKind(kind: string): kind is EdgeKind {
  return Object.hasOwn(EDGE_KINDS, kind)
}
