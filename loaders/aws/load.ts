/**
 * @module loaders/aws/load
 * The offline AWS loader: read every file (read.ts), validate each at the
 * boundary (schemas/*.ts via validate.ts), then assemble one inventory part
 * (transform/assemble.ts). Everything is read and checked before anything is
 * returned, so a bad file among several yields an error and no part at all.
 */
import type { InventoryPart, SourceRef } from '../../src/model/index.js'
import { CrownpathError, assertShape } from '../../src/model/index.js'
import { readInputFile, readJsonFile, type ReadOptions } from '../shared/index.js'
import { AccessKeysFileInput } from './schemas/access-keys.js'
import { AuthDetailsInput } from './schemas/auth-details.js'
import { OrgFileInput } from './schemas/org.js'
import { CrownpathResourcesInput, Ec2DescribeInstancesInput, LambdaListFunctionsInput, PolicyMapInput } from './schemas/resources.js'
import { assembleAwsInventory, type AwsInputs } from './transform/assemble.js'
import { transformCredentialReport } from './transform/credential-report.js'
import {
  RESOURCES_SHAPES,
  detectResourcesShape,
  transformCrownpathResources,
  transformEc2Instances,
  transformLambdaFunctions,
  transformPolicyMap,
} from './transform/resource-policies.js'

/** The files of one offline AWS ingest. */
export interface AwsFileInputs extends ReadOptions {
  /** `get-account-authorization-details` outputs: pages of one account and/or several accounts. */
  readonly authDetails: readonly string[]
  readonly resources?: readonly string[]
  readonly org?: string | null
  readonly credentialReport?: readonly string[]
  readonly accessKeys?: readonly string[]
}

/** Loader names recorded in `SourceRef.loader`, matching the LOADERS rows. */
export const AWS_LOADER_NAMES = {
  authDetails: 'aws-auth-details',
  resources: 'aws-resources',
  org: 'aws-org',
  credentialReport: 'aws-credential-report',
  accessKeys: 'aws-access-keys',
  live: 'aws-live',
} as const

const AUTH_DETAILS_LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const

/** Read, validate and assemble every offline AWS input. All or nothing. */
export async function loadAwsFiles(inputs: AwsFileInputs): Promise<InventoryPart> {
  const options: ReadOptions = inputs.maxBytes === undefined ? {} : { maxBytes: inputs.maxBytes }
  const sources: SourceRef[] = []
  const source = (loader: string, file: string, sha256: string): void => {
    sources.push({ loader, location: file, sha256, collectedAt: null })
  }

  const authDetails: AwsInputs['authDetails'][number][] = []
  for (const file of inputs.authDetails) {
    const { value, sha256 } = await readJsonFile(file, options)
    assertShape(AuthDetailsInput, value, file)
    if (!AUTH_DETAILS_LISTS.some((key) => key in value)) {
      throw new CrownpathError('CP_ERR_INPUT_SHAPE', { file, path: '$', expected: `authorization details (an object with ${AUTH_DETAILS_LISTS.map((k) => `\`${k}\``).join(', ')})` })
    }
    authDetails.push({ file, dump: value })
    source(AWS_LOADER_NAMES.authDetails, file, sha256)
  }

  const resources: AwsInputs['resources'][number][] = []
  for (const file of inputs.resources ?? []) {
    const { value, sha256 } = await readJsonFile(file, options)
    resources.push({ file, transform: validateResources(file, value) })
    source(AWS_LOADER_NAMES.resources, file, sha256)
  }

  let org: AwsInputs['org'] = null
  if (inputs.org) {
    const { value, sha256 } = await readJsonFile(inputs.org, options)
    assertShape(OrgFileInput, value, inputs.org)
    org = { file: inputs.org, value }
    source(AWS_LOADER_NAMES.org, inputs.org, sha256)
  }

  const credentialReports: AwsInputs['credentialReports'][number][] = []
  for (const file of inputs.credentialReport ?? []) {
    const input = await readInputFile(file, 'csv', options)
    credentialReports.push({ file, rows: transformCredentialReport(input.text, file) })
    source(AWS_LOADER_NAMES.credentialReport, file, input.sha256)
  }

  const accessKeys: AwsInputs['accessKeys'][number][] = []
  for (const file of inputs.accessKeys ?? []) {
    const { value, sha256 } = await readJsonFile(file, options)
    assertShape(AccessKeysFileInput, value, file)
    const documents = Array.isArray(value) ? value : [value]
    accessKeys.push({ file, entries: documents.flatMap((d) => d.AccessKeyMetadata) })
    source(AWS_LOADER_NAMES.accessKeys, file, sha256)
  }

  return assembleAwsInventory({ authDetails, resources, org, credentialReports, accessKeys, sources })
}

/** Detect and validate a `--resources` file; returns its (deferred) transform. */
function validateResources(file: string, value: unknown): AwsInputs['resources'][number]['transform'] {
  const shape = detectResourcesShape(value)
  switch (shape) {
    case 'crownpath':
      assertShape(CrownpathResourcesInput, value, file)
      return (ctx) => transformCrownpathResources(value, ctx)
    case 'policy-map':
      assertShape(PolicyMapInput, value, file)
      return (ctx) => transformPolicyMap(value, ctx)
    case 'lambda-list-functions':
      assertShape(LambdaListFunctionsInput, value, file)
      return (ctx) => transformLambdaFunctions(value, ctx)
    case 'ec2-describe-instances':
      assertShape(Ec2DescribeInstancesInput, value, file)
      return (ctx) => transformEc2Instances(value, ctx)
    case null:
      throw new CrownpathError('CP_ERR_INPUT_FORMAT', {
        file,
        reason: `unrecognised resources file: expected one of ${Object.values(RESOURCES_SHAPES).join(', ')}`,
      })
  }
}
