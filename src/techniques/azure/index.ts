/**
 * @module techniques/azure
 * The Azure / Entra technique table and the Azure provider deriver.
 *
 * BloodHound's AZHasRole is not an attack step here. A role holding is not a
 * step an attacker takes: what matters is what the role lets its holder do
 * to whom, so each technique below turns a holding into the edges it enables
 * (principal → tenant, → user, → group, → app, → device) and carries the role
 * assignment itself (its id, role name, directory scope, PIM status) as
 * `entra-role-assignment` evidence on every such edge. A traversable role
 * node would add a hop whose only outgoing edges are these same capabilities,
 * and would lump tenant-wide, object-scoped, AU-scoped and eligible holdings
 * together. "Who holds role X" is still answered: ./role-holdings.ts records
 * every assignment (roles no technique uses included) as a non-traversable
 * HasRole / EligibleForRole edge to an AZRole node, one evidence item per
 * assignment, which `roleHolders` in src/paths reads and path search ignores.
 */
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { addMembers } from './add-members.js'
import { addOwner } from './add-owner.js'
import { addSecret } from './add-secret.js'
import { aksClusterAdmin } from './aks-cluster-admin.js'
import { aksContributor } from './aks-contributor.js'
import { appAdmin } from './app-admin.js'
import { automationContributor } from './automation-contributor.js'
import { avereContributor } from './avere-contributor.js'
import { cloudAppAdmin } from './cloud-app-admin.js'
import { contributor } from './contributor.js'
import { executeCommand } from './execute-command.js'
import { federatedCredential } from './federated-credential.js'
import { globalAdmin } from './global-admin.js'
import { intuneExecuteCommand } from './intune-execute-command.js'
import { keyVaultContributor } from './key-vault-contributor.js'
import { keyVaultGetCertificates } from './key-vault-get-certificates.js'
import { keyVaultGetKeys } from './key-vault-get-keys.js'
import { keyVaultGetSecrets } from './key-vault-get-secrets.js'
import { logicAppContributor } from './logic-app-contributor.js'
import { managedIdentity } from './managed-identity.js'
import { memberOf } from './member-of.js'
import { mgAddMember } from './mg-add-member.js'
import { mgAddOwner } from './mg-add-owner.js'
import { mgAddSecret } from './mg-add-secret.js'
import { mgGrantAppRoles } from './mg-grant-app-roles.js'
import { mgGrantRole } from './mg-grant-role.js'
import { mgIntuneExecute } from './mg-intune-execute.js'
import { mgTierZeroPermission } from './mg-tier-zero-permission.js'
import { owner } from './owner.js'
import { owns } from './owns.js'
import { privilegedAuthAdmin } from './privileged-auth-admin.js'
import { privilegedRoleAdmin } from './privileged-role-admin.js'
import { resetPassword } from './reset-password.js'
import { runsAs } from './runs-as.js'
import { storageBlobData } from './storage-blob-data.js'
import { userAccessAdministrator } from './user-access-administrator.js'
import { vmAdminLogin } from './vm-admin-login.js'
import { vmContributor } from './vm-contributor.js'
import { websiteContributor } from './website-contributor.js'

/** Every Azure technique, listed explicitly; ids are `azure/<file name>`. */
export const AZURE_TECHNIQUES: readonly Technique<AzureTechniqueContext>[] = [
  // structure BloodHound draws as edges
  memberOf,
  runsAs,
  managedIdentity,
  federatedCredential,
  // Entra directory roles
  globalAdmin,
  privilegedRoleAdmin,
  privilegedAuthAdmin,
  resetPassword,
  addMembers,
  appAdmin,
  cloudAppAdmin,
  addOwner,
  addSecret,
  owns,
  intuneExecuteCommand,
  // Microsoft Graph application permissions
  mgGrantRole,
  mgGrantAppRoles,
  mgTierZeroPermission,
  mgAddSecret,
  mgAddOwner,
  mgAddMember,
  mgIntuneExecute,
  // Azure RBAC
  owner,
  userAccessAdministrator,
  contributor,
  vmContributor,
  avereContributor,
  vmAdminLogin,
  executeCommand,
  automationContributor,
  websiteContributor,
  logicAppContributor,
  aksContributor,
  aksClusterAdmin,
  keyVaultContributor,
  keyVaultGetSecrets,
  keyVaultGetKeys,
  keyVaultGetCertificates,
  storageBlobData,
]

export type { AzureTechniqueContext, AzureIndex } from './context.js'
export { buildAzureTechniqueContext } from './context.js'
export { deriveAzure, AZURE_DERIVER } from './derive-azure.js'
