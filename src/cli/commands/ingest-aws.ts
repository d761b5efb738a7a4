/**
 * @module cli/commands/ingest-aws
 * `crownpath ingest aws --auth-details <file...> [--resources f] [--org f]
 * [--credential-report f] [--access-keys f] [--leaks f...] | --live [...]`:
 * the AWS loaders (LOADERS rows `aws-auth-details`, `aws-live`, `leaks`) into
 * one snapshot. Replaces the generated `ingest aws` subcommand because the
 * live options (`--profile`, `--region`, …) must not trigger a loader by
 * themselves, and `--leaks` belongs to another provider's row.
 */
import type { LoaderInvocation } from '../../ingest/index.js'
import { CrownpathError } from '../../model/index.js'
import type { CliCommand } from '../command.js'
import { ingestWithLoaders } from '../ingest-support.js'

const FILE_OPTIONS = ['authDetails', 'resources', 'org', 'credentialReport', 'accessKeys'] as const

/** `crownpath ingest aws ...` */
export const ingestAwsCommand: CliCommand = {
  name: 'aws',
  summary: 'ingest AWS data: get-account-authorization-details files (+ resources, org, credentials, leaks), or live read-only collection',
  configure: (cmd) => {
    cmd
      .option('--auth-details <file...>', 'aws iam get-account-authorization-details outputs (raw API or CLI shape; paginated pages; several accounts)')
      .option('--resources <file...>', 'resources: crownpath resources JSON, get-bucket-policy / get-key-policy maps, lambda list-functions, ec2 describe-instances')
      .option('--org <file>', 'Organizations: crownpath org JSON (accounts, OUs, SCPs and RCPs with targets; see loaders/aws/README.md)')
      .option('--credential-report <file...>', 'IAM credential report CSV (aws iam get-credential-report, decoded)')
      .option('--access-keys <file...>', 'aws iam list-access-keys outputs, optionally with AccessKeyLastUsed per key')
      .option('--leaks <file...>', 'secret-scanner reports marking keys exposed (gitleaks JSON or TruffleHog JSON lines, auto-detected)')
      .option('--max-input-mb <n>', 'largest accepted input file in MB (default 512)')
      .option('--live', 'collect live with the AWS SDK (read-only calls)')
      .option('--profile <name>', 'live: named profile from ~/.aws/config')
      .option('--region <region>', 'live: region for regional services (default us-east-1)')
      .option('--role-arn <arn>', 'live: assume this role first (STS AssumeRole)')
      .option('--endpoint-url <url>', 'live: endpoint override for every service (testing)')
      .option('--services <list>', 'live: comma-separated services besides IAM (organizations,s3,lambda,ec2,kms,secretsmanager,sqs,sns,ecr,sagemaker,bedrock-agent)')
  },
  run: async ({ opts, ctx }) => {
    const loaders: LoaderInvocation[] = []
    if (FILE_OPTIONS.some((key) => opts[key] !== undefined)) loaders.push({ loader: 'aws-auth-details', args: opts, cwd: ctx.cwd })
    if (opts['live'] === true) loaders.push({ loader: 'aws-live', args: opts, cwd: ctx.cwd })
    if (opts['leaks'] !== undefined) loaders.push({ loader: 'leaks', args: { leaks: opts['leaks'] }, cwd: ctx.cwd })
    if (loaders.length === 0 || (loaders.length === 1 && loaders[0]!.loader === 'leaks')) {
      throw new CrownpathError('CP_ERR_USAGE', { reason: 'nothing to ingest: give `--auth-details <file...>` (and other AWS files) or `--live`' })
    }
    return ingestWithLoaders(loaders, opts, ctx)
  },
}
