/**
 * @module loaders/azure/schema
 * TypeBox shapes of the Azure inputs this loader reads (AzureHound records,
 * `az` CLI exports, Graph and ARM objects). They are checked with
 * `checkShape` from src/model (CP_ERR_INPUT_SHAPE naming the file, the JSON
 * path and what was expected). Only fields the transform reads are declared;
 * everything else is allowed and ignored.
 */
import { Type } from 'typebox'
import type { TSchema } from 'typebox'

/** A required identifier: a non-empty string. */
const Id = Type.String({ minLength: 1 })
/** An optional field that may also be null. */
const Opt = <T extends TSchema>(schema: T) => Type.Optional(Type.Union([schema, Type.Null()]))
const OptString = Opt(Type.String())
const OptBool = Opt(Type.Boolean())
const OptStrings = Opt(Type.Array(Type.String()))

/** `passwordCredentials[]` / `keyCredentials[]` entries (Graph passwordCredential / keyCredential). */
const KeyCredential = Type.Object({
  keyId: Id,
  displayName: OptString,
  startDateTime: OptString,
  endDateTime: OptString,
})

/** A flexible federated credential's `claimsMatchingExpression` (Graph federatedIdentityExpression). */
const ClaimsMatchingExpression = Opt(Type.Object({ value: Type.String(), languageVersion: Opt(Type.Integer()) }))

/** A raw Graph directory object (member or owner): `@odata.type` + `id`. */
const DirectoryObject = Type.Object({ id: Id, '@odata.type': OptString })

/** An AzureHound envelope written with `-o`: `{ data: [...], meta: {...} }`. */
export const EnvelopeSchema = Type.Object({
  data: Type.Array(Type.Unknown()),
  meta: Opt(Type.Object({ type: OptString, version: Opt(Type.Union([Type.Number(), Type.String()])), count: Opt(Type.Number()) })),
})

/** One streamed AzureHound record: `{ kind, data }`. */
export const RecordSchema = Type.Object({ kind: Type.String({ minLength: 1 }), data: Type.Unknown() })

/** Record `data` shapes by AzureHound kind. */
export const RECORD_SCHEMAS = {
  AZTenant: Type.Object({ tenantId: Id, displayName: OptString, defaultDomain: OptString }),
  AZUser: Type.Object({
    id: Id,
    tenantId: Id,
    userPrincipalName: Id,
    displayName: OptString,
    accountEnabled: OptBool,
    userType: OptString,
    onPremisesSyncEnabled: OptBool,
    onPremisesSecurityIdentifier: OptString,
    lastPasswordChangeDateTime: OptString,
    signInActivity: Opt(Type.Object({ lastSignInDateTime: OptString })),
  }),
  AZGroup: Type.Object({
    id: Id,
    tenantId: Id,
    displayName: OptString,
    isAssignableToRole: OptBool,
    securityEnabled: OptBool,
    membershipRule: OptString,
  }),
  AZGroupMember: Type.Object({
    groupId: Id,
    members: Type.Array(Type.Object({ member: DirectoryObject })),
  }),
  AZGroupOwner: Type.Object({
    groupId: Id,
    owners: Type.Array(Type.Object({ owner: DirectoryObject })),
  }),
  AZApp: Type.Object({
    id: Id,
    appId: Id,
    tenantId: Id,
    displayName: OptString,
    passwordCredentials: Opt(Type.Array(KeyCredential)),
    keyCredentials: Opt(Type.Array(KeyCredential)),
  }),
  AZAppOwner: Type.Object({
    appId: Id,
    owners: Type.Array(Type.Object({ owner: DirectoryObject })),
  }),
  AZServicePrincipal: Type.Object({
    id: Id,
    appId: Id,
    tenantId: Id,
    displayName: OptString,
    servicePrincipalType: OptString,
    appOwnerOrganizationId: OptString,
    alternativeNames: OptStrings,
    appRoles: Opt(Type.Array(Type.Object({ id: Id, value: OptString }))),
    passwordCredentials: Opt(Type.Array(KeyCredential)),
    keyCredentials: Opt(Type.Array(KeyCredential)),
  }),
  AZServicePrincipalOwner: Type.Object({
    servicePrincipalId: Id,
    owners: Type.Array(Type.Object({ owner: DirectoryObject })),
  }),
  AZDevice: Type.Object({
    id: Id,
    tenantId: Id,
    deviceId: OptString,
    displayName: OptString,
    operatingSystem: OptString,
    trustType: OptString,
  }),
  AZRole: Type.Object({
    id: Id,
    templateId: OptString,
    displayName: OptString,
    isBuiltIn: OptBool,
    rolePermissions: Opt(Type.Array(Type.Object({ allowedResourceActions: OptStrings }))),
  }),
  AZRoleAssignment: Type.Object({
    roleDefinitionId: Id,
    tenantId: OptString,
    roleAssignments: Type.Array(
      Type.Object({ id: Id, roleDefinitionId: Id, principalId: Id, directoryScopeId: OptString }),
    ),
  }),
  AZRoleEligibilityScheduleInstance: Type.Object({
    id: Id,
    roleDefinitionId: Id,
    principalId: Id,
    directoryScopeId: OptString,
  }),
  AZRoleManagementPolicyAssignment: Type.Object({
    roleDefinitionId: Id,
    endUserAssignmentRequiresApproval: OptBool,
    endUserAssignmentRequiresMFA: OptBool,
    endUserAssignmentRequiresJustification: OptBool,
    endUserAssignmentRequiresTicketInformation: OptBool,
    endUserAssignmentUserApprovers: OptStrings,
    endUserAssignmentGroupApprovers: OptStrings,
  }),
  AZAppRoleAssignment: Type.Object({
    id: Id,
    appRoleId: Id,
    principalId: Id,
    resourceId: Id,
    principalType: OptString,
    appId: OptString,
  }),
  AZFederatedIdentityCredential: Type.Object({
    appId: Id,
    fics: Type.Array(
      Type.Object({
        fic: Type.Object({
          id: Id,
          name: OptString,
          issuer: Id,
          subject: OptString,
          audiences: OptStrings,
          claimsMatchingExpression: ClaimsMatchingExpression,
        }),
      }),
    ),
  }),
  AZManagementGroup: Type.Object({
    id: Id,
    name: Id,
    tenantId: OptString,
    properties: Opt(
      Type.Object({
        displayName: OptString,
        tenantId: OptString,
        details: Opt(Type.Object({ parent: Opt(Type.Object({ id: OptString })) })),
      }),
    ),
  }),
  AZManagementGroupDescendant: Type.Object({
    id: Id,
    type: OptString,
    properties: Type.Object({ parent: Type.Object({ id: Id }) }),
  }),
  AZSubscription: Type.Object({ id: Id, subscriptionId: OptString, displayName: OptString, tenantId: Id }),
  AZResourceGroup: Type.Object({ id: Id, name: OptString, tags: Opt(Type.Record(Type.String(), Type.Unknown())) }),
  AZKeyVaultAccessPolicy: Type.Object({
    keyVaultId: Id,
    objectId: Id,
    applicationId: OptString,
    permissions: Opt(
      Type.Object({ keys: OptStrings, secrets: OptStrings, certificates: OptStrings, storage: OptStrings }),
    ),
  }),
} as const

/** An ARM resource with an optional managed-identity block (AZVM, AZKeyVault, ... and ARM list items). */
export const ResourceSchema = Type.Object({
  id: Id,
  name: OptString,
  kind: OptString,
  tags: Opt(Type.Record(Type.String(), Type.Unknown())),
  identity: Opt(
    Type.Object({
      type: OptString,
      principalId: OptString,
      userAssignedIdentities: Opt(
        Type.Record(Type.String(), Type.Object({ principalId: OptString, clientId: OptString })),
      ),
    }),
  ),
  properties: Opt(Type.Record(Type.String(), Type.Unknown())),
})

/** An ARM role assignment as ARM returns it (`properties.*`), the shape embedded in AzureHound lists. */
export const ArmRoleAssignmentSchema = Type.Object({
  id: Id,
  properties: Type.Object({
    principalId: Id,
    roleDefinitionId: Id,
    scope: OptString,
    principalType: OptString,
    condition: OptString,
  }),
})

/** An ARM role assignment as `az role assignment list` prints it (flattened). */
export const CliRoleAssignmentSchema = Type.Object({
  id: Id,
  principalId: Id,
  roleDefinitionId: Id,
  scope: Id,
  principalType: OptString,
  condition: OptString,
})

/** An ARM role definition, flattened (`az role definition list`) or as ARM returns it (`properties.*`). */
const PermissionBlock = Type.Object({
  actions: OptStrings,
  notActions: OptStrings,
  dataActions: OptStrings,
  notDataActions: OptStrings,
})
export const CliRoleDefinitionSchema = Type.Object({
  name: Id,
  roleName: Id,
  roleType: OptString,
  permissions: Type.Array(PermissionBlock),
  assignableScopes: OptStrings,
})
export const ArmRoleDefinitionSchema = Type.Object({
  name: Id,
  properties: Type.Object({
    roleName: Id,
    type: OptString,
    permissions: Type.Array(PermissionBlock),
    assignableScopes: OptStrings,
  }),
})

/** Graph objects (`az ad ... list`, live Graph). */
export const GRAPH_SCHEMAS = {
  user: Type.Object({
    id: Id,
    userPrincipalName: Id,
    displayName: OptString,
    accountEnabled: OptBool,
    userType: OptString,
    onPremisesSyncEnabled: OptBool,
    onPremisesSecurityIdentifier: OptString,
    lastPasswordChangeDateTime: OptString,
  }),
  group: Type.Object({
    id: Id,
    displayName: OptString,
    isAssignableToRole: OptBool,
    securityEnabled: OptBool,
    membershipRule: OptString,
  }),
  application: Type.Object({
    id: Id,
    appId: Id,
    displayName: OptString,
    passwordCredentials: Opt(Type.Array(KeyCredential)),
    keyCredentials: Opt(Type.Array(KeyCredential)),
  }),
  servicePrincipal: Type.Object({
    id: Id,
    appId: Id,
    displayName: OptString,
    servicePrincipalType: OptString,
    appOwnerOrganizationId: OptString,
    alternativeNames: OptStrings,
    appRoles: Opt(Type.Array(Type.Object({ id: Id, value: OptString }))),
    passwordCredentials: Opt(Type.Array(KeyCredential)),
    keyCredentials: Opt(Type.Array(KeyCredential)),
  }),
  directoryObject: DirectoryObject,
  federatedIdentityCredential: Type.Object({ id: Id, name: OptString, issuer: Id, subject: OptString, audiences: OptStrings, claimsMatchingExpression: ClaimsMatchingExpression }),
  appRoleAssignment: Type.Object({ id: Id, appRoleId: Id, principalId: Id, resourceId: Id, principalType: OptString }),
  directoryRoleAssignment: Type.Object({ id: Id, roleDefinitionId: Id, principalId: Id, directoryScopeId: OptString }),
  directoryRoleDefinition: Type.Object({
    id: Id,
    templateId: OptString,
    displayName: OptString,
    isBuiltIn: OptBool,
    rolePermissions: Opt(Type.Array(Type.Object({ allowedResourceActions: OptStrings }))),
  }),
  managementGroup: Type.Object({
    id: Id,
    name: Id,
    properties: Opt(
      Type.Object({
        displayName: OptString,
        tenantId: OptString,
        details: Opt(Type.Object({ parent: Opt(Type.Object({ id: OptString })) })),
      }),
    ),
  }),
  subscription: Type.Object({ id: Id, subscriptionId: OptString, displayName: OptString, tenantId: OptString }),
} as const
