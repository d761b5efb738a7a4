/**
 * @module test/aws/policy/inventory-builder
 * Compact inventory snippets (as written in test/cases/policy-eval/*.json) →
 * a full AwsInventory, filling the fields the cases do not care about.
 */
import type { AwsInventory, AwsOrgPolicy, PolicyDocument } from '../../../src/model/index.js'
import { emptyAwsInventory } from '../../../src/model/index.js'

type Doc = PolicyDocument

/** The snippet shape used by the golden cases. */
export interface InventorySnippet {
  readonly accounts?: readonly { id: string; orgPath?: string[]; organizationId?: string | null; isManagementAccount?: boolean }[]
  readonly users?: readonly {
    arn: string
    inline?: Record<string, Doc>
    attached?: string[]
    groups?: string[]
    boundary?: string
    tags?: Record<string, string>
    uniqueId?: string
  }[]
  readonly groups?: readonly { arn: string; inline?: Record<string, Doc>; attached?: string[] }[]
  readonly roles?: readonly {
    arn: string
    trust: Doc
    inline?: Record<string, Doc>
    attached?: string[]
    boundary?: string
    tags?: Record<string, string>
    serviceLinked?: boolean
    uniqueId?: string
  }[]
  readonly managedPolicies?: Readonly<Record<string, Doc>>
  readonly resources?: readonly { arn: string; type?: string; policy?: Doc; tags?: Record<string, string>; accountId?: string }[]
  readonly organization?: {
    id: string
    managementAccountId?: string | null
    policies: { id: string; type: 'SCP' | 'RCP'; document: Doc; targets: string[] }[]
  }
}

const accountOf = (arn: string): string => arn.split(':')[4] ?? ''
const nameOf = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1)
const pathOf = (arn: string): string => {
  const resource = arn.split(':').slice(5).join(':')
  const parts = resource.split('/')
  return parts.length > 2 ? `/${parts.slice(1, -1).join('/')}/` : '/'
}
const inline = (map: Record<string, Doc> | undefined) => Object.entries(map ?? {}).map(([name, document]) => ({ name, document }))

/** Expand a snippet into a full inventory. */
export function buildInventory(snippet: InventorySnippet): AwsInventory {
  const base = emptyAwsInventory()
  const common = (arn: string, uniqueId: string | undefined) => ({
    arn,
    name: nameOf(arn),
    uniqueId: uniqueId ?? null,
    accountId: accountOf(arn),
    path: pathOf(arn),
    createDate: null,
  })
  return {
    ...base,
    accounts: (snippet.accounts ?? []).map((a) => ({
      id: a.id,
      name: null,
      orgPath: a.orgPath ?? [],
      organizationId: a.organizationId ?? (a.orgPath ? (snippet.organization?.id ?? null) : null),
      isManagementAccount: a.isManagementAccount ?? false,
    })),
    users: (snippet.users ?? []).map((u) => ({
      ...common(u.arn, u.uniqueId),
      inlinePolicies: inline(u.inline),
      attachedPolicies: u.attached ?? [],
      tags: u.tags ?? {},
      groups: u.groups ?? [],
      permissionsBoundary: u.boundary ?? null,
      accessKeys: null,
      loginProfile: null,
      hasLoginProfile: null,
      mfaDevices: null,
      passwordLastUsed: null,
    })),
    groups: (snippet.groups ?? []).map((g) => ({ ...common(g.arn, undefined), inlinePolicies: inline(g.inline), attachedPolicies: g.attached ?? [] })),
    roles: (snippet.roles ?? []).map((r) => ({
      ...common(r.arn, r.uniqueId),
      inlinePolicies: inline(r.inline),
      attachedPolicies: r.attached ?? [],
      tags: r.tags ?? {},
      trustPolicy: r.trust,
      permissionsBoundary: r.boundary ?? null,
      instanceProfiles: [],
      lastUsedDate: null,
      lastUsedRegion: null,
      maxSessionDuration: null,
      isServiceLinked: r.serviceLinked ?? r.arn.includes(':role/aws-service-role/'),
    })),
    managedPolicies: Object.entries(snippet.managedPolicies ?? {}).map(([arn, document]) => ({
      arn,
      name: nameOf(arn),
      policyId: null,
      path: '/',
      isAwsManaged: arn.includes(':iam::aws:policy/'),
      accountId: arn.includes(':iam::aws:') ? null : accountOf(arn),
      defaultVersionId: 'v1',
      versions: [{ versionId: 'v1', isDefault: true, createDate: null, document }],
      attachmentCount: null,
    })),
    resources: (snippet.resources ?? []).map((r) => ({
      arn: r.arn,
      type: r.type ?? `${r.arn.split(':')[2]}:resource`,
      name: nameOf(r.arn),
      accountId: r.accountId ?? accountOf(r.arn),
      region: null,
      tags: r.tags ?? {},
      policy: r.policy ?? null,
      runsAs: [],
      properties: {},
    })),
    organization: snippet.organization
      ? {
          id: snippet.organization.id,
          managementAccountId: snippet.organization.managementAccountId ?? null,
          units: [],
          policies: snippet.organization.policies.map(
            (p): AwsOrgPolicy => ({
              id: p.id,
              arn: null,
              name: p.id,
              type: p.type === 'SCP' ? 'SERVICE_CONTROL_POLICY' : 'RESOURCE_CONTROL_POLICY',
              document: p.document,
              targets: p.targets,
            }),
          ),
        }
      : null,
  }
}
