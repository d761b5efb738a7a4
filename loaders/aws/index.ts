/**
 * @module loaders/aws
 * The AWS loaders' public surface: offline files (authorization details,
 * resources, Organizations, credential report, access keys) and live
 * collection, each ending in an `InventoryPart`. Imports only src/model.
 */
import type { InventoryPart } from '../../src/model/index.js'
import type { AwsLiveOptions } from './live-options.js'

export { loadAwsFiles, AWS_LOADER_NAMES, type AwsFileInputs } from './load.js'
export { DEFAULT_MAX_INPUT_BYTES, type ReadOptions } from '../shared/index.js'
export { assertShape, pointerToJsonPath } from '../../src/model/index.js'
export { AuthDetailsInput, type AuthDetailsDump } from './schemas/auth-details.js'
export { CrownpathResourcesInput, PolicyMapInput, LambdaListFunctionsInput, Ec2DescribeInstancesInput } from './schemas/resources.js'
export { OrgFileInput, type OrgFile } from './schemas/org.js'
export { AccessKeysFileInput } from './schemas/access-keys.js'
export { assembleAwsInventory, type AwsInputs } from './transform/assemble.js'
export { transformAuthDetails } from './transform/auth-details.js'
export { decodePolicyDocument, isAwsManagedPolicyArn } from './transform/policies.js'
export { detectResourcesShape, resourceTypeOfArn, RESOURCES_SHAPES } from './transform/resource-policies.js'
export { transformCredentialReport, reportKeySlotId, reportMfaSerial } from './transform/credential-report.js'
export { transformOrg } from './transform/org.js'
export { mapWithConcurrency, LIVE_SERVICES, type AwsLiveOptions, type LiveCredentials, type LiveService } from './live-options.js'
export { loadAwsFromArgs, collectAwsLiveFromArgs, AWS_FILE_KEYS, type AwsArgsContext } from './args.js'

/**
 * Collect live from the AWS APIs (see live.ts). Loaded on demand so that
 * importing the AWS loaders does not load the AWS SDK (seconds per CLI call).
 */
export async function collectAwsLive(options: AwsLiveOptions = {}): Promise<InventoryPart> {
  return (await import('./live.js')).collectAwsLive(options)
}
