/**
 * @module loaders/aws/live-options
 * The SDK-free part of live AWS collection: its options, the service list and
 * the bounded-concurrency helper (re-exported from loaders/shared). Kept apart from live.ts so that importing
 * the AWS loaders (every CLI call, every ingest) does not load @aws-sdk/*:
 * live.ts is imported on demand (see collectAwsLive in index.ts).
 */
import type { ProgressReporter } from '../../src/model/index.js'

/** Static credentials (tests use fake `AKIAFAKE...` ones); normally the SDK's default chain or `profile` is used. */
export interface LiveCredentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken?: string
}

/** Options of a live collection run. */
export interface AwsLiveOptions {
  /** Named profile from the shared config/credentials files. */
  readonly profile?: string
  /** Region for regional services; default `us-east-1`. */
  readonly region?: string
  /** Role to assume first (STS AssumeRole), e.g. a read-only audit role in the target account. */
  readonly roleArn?: string
  /** Endpoint override for every client (tests point it at 127.0.0.1). */
  readonly endpoint?: string
  readonly credentials?: LiveCredentials
  /** SDK attempts per call (retries throttling and transient errors); default 5. */
  readonly maxAttempts?: number
  /** Calls in flight per fan-out (per-user key listing, per-bucket policy); default 4. */
  readonly concurrency?: number
  /** Services to collect besides IAM; default all. */
  readonly services?: readonly LiveService[]
  /** Credential report: polls of GenerateCredentialReport and the wait between them. */
  readonly reportPolls?: number
  readonly reportPollMs?: number
  readonly progress?: ProgressReporter
  readonly now?: () => Date
}

/** Services collected besides IAM. */
export const LIVE_SERVICES = ['organizations', 's3', 'lambda', 'ec2', 'kms', 'secretsmanager', 'sqs', 'sns', 'ecr', 'sagemaker', 'bedrock-agent'] as const
/** One collectable service. */
export type LiveService = (typeof LIVE_SERVICES)[number]

/** The bounded-concurrency helper, shared with the Azure live collector. */
export { mapWithConcurrency } from '../shared/index.js'
