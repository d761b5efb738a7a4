/**
 * @module test/techniques/aws/demo-load
 * Load the bundled demo organisation's AWS files (and its gitleaks report)
 * through the real loaders and derive its graph.
 */
import { join } from 'node:path'
import { loadAwsFiles } from '../../../loaders/aws/index.js'
import { loadLeaks } from '../../../loaders/leaks/index.js'
import { loadActionCatalog } from '../../../src/aws/policy/index.js'
import type { DerivedGraph } from '../../../src/techniques/index.js'
import { deriveGraph } from '../../../src/techniques/index.js'
import { compileClassifier, emptyInventory, mergeInventory } from '../../../src/model/index.js'
import type { Inventory } from '../../../src/model/index.js'

/** The demo folder. */
export const DEMO = join(import.meta.dirname, '../../../examples/demo')

/** Load the demo inventory (AWS + leaks). */
export async function loadDemoInventory(): Promise<Inventory> {
  const aws = join(DEMO, 'aws')
  const part = await loadAwsFiles({
    authDetails: [join(aws, 'auth-details-prod.json'), join(aws, 'auth-details-ml.json')],
    resources: [join(aws, 'resources.json')],
    org: join(aws, 'org.json'),
    credentialReport: [join(aws, 'credential-report-prod.csv'), join(aws, 'credential-report-ml.csv')],
    accessKeys: [join(aws, 'access-keys.json')],
  })
  const leaks = await loadLeaks({ gitleaks: [join(DEMO, 'leaks/gitleaks.json')], repository: 'acme/legacy-deploy' })
  return mergeInventory(mergeInventory(emptyInventory(), part), leaks)
}

/** Derive the demo graph through the registry (PROVIDER_DERIVERS), with the action catalogue so CanAccess edges exist. */
export async function deriveDemo(): Promise<{ inventory: Inventory; graph: DerivedGraph }> {
  const inventory = await loadDemoInventory()
  const catalog = await loadActionCatalog({ services: ['s3', 'secretsmanager', 'sagemaker', 'dynamodb', 'sqs', 'lambda', 'kms', 'ssm', 'ec2', 'iam', 'sts', 'logs'] })
  const graph = deriveGraph(inventory, { classifier: compileClassifier(), now: new Date('2026-11-27T00:00:00Z'), awsCatalog: catalog })
  return { inventory, graph }
}
