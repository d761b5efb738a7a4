/**
 * @module techniques/azure/aks-cluster-admin
 * Listing a managed cluster's admin credentials gives cluster-admin inside
 * Kubernetes, decided from the role's Actions (Cluster Admin Role,
 * Contributor, Owner, custom roles), not from role names.
 */
import { AZURE_RESOURCE_TYPES, azureArmId } from '../../model/index.js'
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { armEvidence, armGrants, armHolders, resourcesWithin, techniqueEdge } from './shared.js'

/** The operation behind `az aks get-credentials --admin`. */
const LIST_ADMIN_CREDENTIAL = 'Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action'

/** AZ-R07: obtain the cluster-admin kubeconfig of an AKS cluster. */
export const aksClusterAdmin: Technique<AzureTechniqueContext> = {
  id: 'azure/aks-cluster-admin',
  provider: 'azure',
  edgeKind: 'CanControl',
  title: 'List the cluster-admin credentials of an AKS cluster',
  gain: 'execute',
  requires: [{ action: LIST_ADMIN_CREDENTIAL, on: 'managed cluster' }],
  cost: 2,
  seeAlso: { azureTiering: 'AZ-R07 (Azure Kubernetes Service Cluster Admin Role, Contributor, Owner)' },
  text: {
    general:
      'Any role whose Actions cover Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action (Azure Kubernetes Service Cluster Admin Role, Contributor, Owner, custom roles) downloads a kubeconfig bound to the Kubernetes cluster-admin group. With it the holder schedules privileged pods on the nodes and reaches the kubelet managed identity through IMDS; the cluster\'s identities are drawn as RunsAs from the cluster where the inventory records them. ' +
      'No edge is drawn when the cluster has local accounts disabled (disableLocalAccounts=true): AKS then refuses to list admin credentials. ' +
      'Azure Kubernetes Service Cluster User Role lists only user credentials (Kubernetes RBAC still applies) and gets no edge. Azure Kubernetes Service RBAC Cluster Admin (b1ff04bb…) does not grant this action either: its built-in definition lists user credentials and grants the Kubernetes data plane (DataActions managedClusters/*), which takes effect only when Azure RBAC for Kubernetes authorization is enabled on the cluster; that setting is not collected, so that role draws no edge here.',
    abuse: 'az aks get-credentials -g <rg> -n <cluster> --admin; kubectl run a privileged pod with hostNetwork, then request a token for the kubelet identity from IMDS (169.254.169.254).',
    opsec: 'listClusterAdminCredential is an ARM action in the activity log; what runs in the cluster is only in the Kubernetes audit log, if enabled.',
    remediation: 'Disable local accounts (az aks update --disable-local-accounts) and use Entra ID with Azure RBAC for Kubernetes; grant AKS roles per cluster; keep the kubelet identity unprivileged.',
    references: [
      'https://learn.microsoft.com/azure/aks/control-kubeconfig-access',
      'https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad',
      'https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/containers#azure-kubernetes-service-cluster-admin-role',
    ],
  },
  *detect(ctx) {
    if (!ctx.inventory.resources.some((r) => r.type.toLowerCase() === AZURE_RESOURCE_TYPES.AZManagedCluster.toLowerCase())) return
    for (const g of armGrants(ctx, LIST_ADMIN_CREDENTIAL)) {
      for (const cluster of resourcesWithin(ctx, g.assignment.scope, [AZURE_RESOURCE_TYPES.AZManagedCluster])) {
        // With local accounts disabled the API refuses to return admin credentials.
        if (cluster.properties['disableLocalAccounts'] === true) continue
        const to = azureArmId(cluster.id)
        for (const from of armHolders(ctx, g, LIST_ADMIN_CREDENTIAL, to)) {
          yield techniqueEdge(aksClusterAdmin, from, to, [armEvidence(g, LIST_ADMIN_CREDENTIAL, `may list the cluster-admin kubeconfig of AKS cluster ${cluster.name}`)], g.grant.conditions)
        }
      }
    }
  },
}
