/**
 * @module generate
 * `crownpath generate`: seeded synthetic organisations (S / M / L) written in
 * the real input formats, plus a manifest naming which loader reads which file.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { generateAws } from './aws.js'
import type { AwsScale } from './aws.js'
import { generateAzure } from './azure.js'
import type { AzureScale } from './azure.js'
import { createRandom } from './random.js'

export { createRandom, seededUniform } from './random.js'
export type { Random } from './random.js'

/** The named scales of DESIGN.md "Performance targets". */
export const SCALES = {
  S: {
    aws: { accounts: 5, principals: 1_000, policies: 5_000, resources: 10_000, privescPrincipals: 30, exposedKeys: 5 },
    azure: { users: 200, groups: 20, apps: 30, subscriptions: 2, resourceGroupsPerSubscription: 5, vmsPerResourceGroup: 3 },
  },
  M: {
    aws: { accounts: 50, principals: 10_000, policies: 50_000, resources: 100_000, privescPrincipals: 300, exposedKeys: 20 },
    azure: { users: 2_000, groups: 200, apps: 300, subscriptions: 10, resourceGroupsPerSubscription: 10, vmsPerResourceGroup: 5 },
  },
  L: {
    aws: { accounts: 200, principals: 100_000, policies: 500_000, resources: 300_000, privescPrincipals: 1_000, exposedKeys: 50 },
    azure: { users: 20_000, groups: 2_000, apps: 3_000, subscriptions: 40, resourceGroupsPerSubscription: 25, vmsPerResourceGroup: 5 },
  },
} as const satisfies Record<string, { aws: AwsScale; azure: AzureScale }>

/** A scale name. */
export type ScaleName = keyof typeof SCALES

/** One loader invocation in a manifest (the same shape examples/demo/manifest.json uses). */
export interface ManifestEntry {
  readonly loader: string
  readonly files: Readonly<Record<string, readonly string[]>>
}

/** What `generateOrganisation` wrote. */
export interface GeneratedOrganisation {
  readonly out: string
  readonly manifest: { readonly loaders: readonly ManifestEntry[] }
  readonly counts: Readonly<Record<string, number>>
  readonly files: readonly string[]
}

/** The synthetic tenant id is fixed so paths are stable across seeds. */
const SYNTHETIC_TENANT = '0f0f0f0f-5eed-4000-a000-00000000000a'

/** Generate an organisation in memory: relative path → JSON value. Pure and deterministic. */
export function buildOrganisation(scale: ScaleName, seed: number): { files: Record<string, unknown>; manifest: { loaders: ManifestEntry[] }; counts: Record<string, number> } {
  const random = createRandom(seed)
  const aws = generateAws(SCALES[scale].aws, random)
  const azure = generateAzure(SCALES[scale].azure, random, SYNTHETIC_TENANT)
  const files: Record<string, unknown> = { ...aws.files, 'azure/azurehound.json': azure.file }
  const manifest: { loaders: ManifestEntry[] } = {
    loaders: [
      { loader: 'aws-auth-details', files: { authDetails: aws.authDetails, resources: [aws.resources], org: [aws.org], accessKeys: [aws.accessKeys] } },
      { loader: 'azurehound', files: { azurehound: ['azure/azurehound.json'] } },
      { loader: 'leaks', files: { gitleaks: [aws.gitleaks] } },
    ],
  }
  files['manifest.json'] = manifest
  const counts: Record<string, number> = {}
  for (const [k, v] of Object.entries(aws.counts)) counts[`aws.${k}`] = v
  for (const [k, v] of Object.entries(azure.counts)) counts[`azure.${k}`] = v
  return { files, manifest, counts }
}

/** Generate and write an organisation under `out`. */
export async function generateOrganisation(scale: ScaleName, seed: number, out: string): Promise<GeneratedOrganisation> {
  const { files, manifest, counts } = buildOrganisation(scale, seed)
  const written: string[] = []
  for (const [relative, value] of Object.entries(files)) {
    const path = join(out, relative)
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, JSON.stringify(value))
    written.push(relative)
  }
  return { out, manifest, counts, files: written }
}
