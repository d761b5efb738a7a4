/**
 * @module techniques/azure/aks-contributor
 * AKS Contributor takes over a Kubernetes cluster.
 */
import { AZ_ROLE_IDS } from '../../azure/index.js'
import { AZURE_RESOURCE_TYPES } from '../../model/index.js'
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { detectArmCompute } from './shared.js'

/** AKS Contributor takes over a Kubernetes cluster (BloodHound AZAKSContributor). */
export const aksContributor: Technique<AzureTechniqueContext> = {
  id: 'azure/aks-contributor',
  provider: 'azure',
  edgeKind: 'CanControl',
  title: 'AKS Contributor takes over a Kubernetes cluster',
  gain: 'execute',
  requires: [{ action: 'Microsoft.ContainerService/managedClusters/write', on: 'resource' }],
  cost: 2,
  seeAlso: { bloodhound: 'AZAKSContributor' },
  text: {
    general: 'Azure Kubernetes Service Contributor can update the cluster (run command, node pools, identities); the node pools’ VM scale sets in the node resource group carry the kubelet identity.',
    abuse: 'az aks command invoke …',
    opsec: 'The operation is recorded in the Azure activity log; what the code does inside the resource is not.',
    remediation: 'Grant AKS roles per cluster; keep the kubelet identity unprivileged.',
    references: ['https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/containers#azure-kubernetes-service-contributor-role'],
  },
  detect: (ctx) => detectArmCompute(ctx, aksContributor, { roleIds: [AZ_ROLE_IDS.aksContributor], action: 'Microsoft.ContainerService/managedClusters/write', plane: 'control', types: [AZURE_RESOURCE_TYPES.AZManagedCluster], note: 'can reconfigure and run commands on' }),
}
