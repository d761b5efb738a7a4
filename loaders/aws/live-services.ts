/**
 * @module loaders/aws/live-services
 * Live collection of the resources that carry a resource policy or run as a
 * role, beyond the core services of live.ts: SQS queues, SNS topics, ECR
 * repositories, SageMaker notebook instances / endpoints / training jobs /
 * models, and Bedrock agents. Each collector returns records in crownpath's
 * resources format (`schemas/resources.ts`), with the same types and
 * `runsAs` conventions as the file loader (README.md §2), with their tags
 * (one read-only tag call per resource). Read-only calls only; every list is
 * paginated; errors propagate to the caller, which turns a failed service
 * into a `DataIssue` — except a failed tag read, which is handed to the
 * caller's `onTagsFailed` and leaves that resource without tags.
 */
import { type SQSClient, paginateListQueues, GetQueueAttributesCommand, ListQueueTagsCommand } from '@aws-sdk/client-sqs'
import { type SNSClient, paginateListTopics, GetTopicAttributesCommand, ListTagsForResourceCommand as ListSnsTagsCommand } from '@aws-sdk/client-sns'
import { type ECRClient, paginateDescribeRepositories, GetRepositoryPolicyCommand, ListTagsForResourceCommand as ListEcrTagsCommand } from '@aws-sdk/client-ecr'
import {
  type SageMakerClient,
  paginateListNotebookInstances,
  DescribeNotebookInstanceCommand,
  paginateListEndpoints,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  paginateListTrainingJobs,
  DescribeTrainingJobCommand,
  paginateListModels,
  DescribeModelCommand,
  paginateListTags,
} from '@aws-sdk/client-sagemaker'
import { type BedrockAgentClient, paginateListAgents, GetAgentCommand } from '@aws-sdk/client-bedrock-agent'
import { type LambdaClient, GetPolicyCommand } from '@aws-sdk/client-lambda'
import type { CrownpathResource } from './schemas/resources.js'
import { mapWithConcurrency } from './live-options.js'

/** Is this SDK error the "no such sub-resource" answer (no policy, no tags)? */
export function isAbsent(error: unknown, names: readonly string[]): boolean {
  return names.includes((error as { name?: string })?.name ?? '')
}

/** A resource record with the fields every collector fills the same way. */
function resource(arn: string, type: string, name: string, fields: Partial<Pick<CrownpathResource, 'policy' | 'runsAs' | 'properties'>> & { tags?: Record<string, string> } = {}): CrownpathResource {
  return { arn, type, name, tags: fields.tags ?? {}, policy: fields.policy ?? null, runsAs: fields.runsAs ?? [], properties: fields.properties ?? {} }
}

/**
 * Told when one resource's tags cannot be read (e.g. AccessDenied on the tag
 * call only); the resource is kept with no tags. Without it, the error
 * propagates like any other.
 */
export type OnTagsFailed = (error: unknown) => void

/** `[{ Key, Value }]` → `{ key: value }`. */
export function tagRecord(tags: readonly { Key?: string | undefined; Value?: string | undefined }[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).filter((t) => t.Key).map((t) => [t.Key!, t.Value ?? '']))
}

/** Read one resource's tags, handing a failure to `onFailed` when given. */
async function readTags(read: () => Promise<Record<string, string>>, onFailed: OnTagsFailed | undefined): Promise<Record<string, string>> {
  try {
    return await read()
  } catch (error) {
    if (!onFailed) throw error
    onFailed(error)
    return {}
  }
}

/**
 * The resource-based policy of one Lambda function as the JSON string
 * `GetPolicy` returns, or null when the function has none (the API answers
 * 404 `ResourceNotFoundException`).
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetPolicy.html
 */
export async function readFunctionPolicy(client: LambdaClient, functionName: string): Promise<string | null> {
  try {
    return (await client.send(new GetPolicyCommand({ FunctionName: functionName }))).Policy ?? null
  } catch (error) {
    if (isAbsent(error, ['ResourceNotFoundException'])) return null
    throw error
  }
}

/**
 * SQS queues with their queue policy and tags. ListQueues only returns
 * `NextToken` when `MaxResults` is set.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListQueues.html
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueAttributes.html
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListQueueTags.html
 */
export async function collectQueues(client: SQSClient, concurrency: number, onTagsFailed?: OnTagsFailed): Promise<CrownpathResource[]> {
  const urls: string[] = []
  for await (const page of paginateListQueues({ client }, { MaxResults: 1000 })) urls.push(...(page.QueueUrls ?? []))
  const out = await mapWithConcurrency(urls, concurrency, async (url) => {
    const attributes = (await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['Policy', 'QueueArn'] }))).Attributes ?? {}
    const arn = attributes['QueueArn']
    if (!arn) return null
    const tags = await readTags(async () => ({ ...((await client.send(new ListQueueTagsCommand({ QueueUrl: url }))).Tags ?? {}) }), onTagsFailed)
    return resource(arn, 'sqs:queue', url.split('/').pop() || arn, { policy: attributes['Policy'] ?? null, tags })
  })
  return out.filter((r): r is CrownpathResource => r !== null)
}

/**
 * SNS topics with their topic policy (`Policy` attribute) and tags.
 * https://docs.aws.amazon.com/sns/latest/api/API_GetTopicAttributes.html
 * https://docs.aws.amazon.com/sns/latest/api/API_ListTagsForResource.html
 */
export async function collectTopics(client: SNSClient, concurrency: number, onTagsFailed?: OnTagsFailed): Promise<CrownpathResource[]> {
  const arns: string[] = []
  for await (const page of paginateListTopics({ client }, {})) for (const t of page.Topics ?? []) if (t.TopicArn) arns.push(t.TopicArn)
  return mapWithConcurrency(arns, concurrency, async (arn) => {
    const attributes = (await client.send(new GetTopicAttributesCommand({ TopicArn: arn }))).Attributes ?? {}
    const tags = await readTags(async () => tagRecord((await client.send(new ListSnsTagsCommand({ ResourceArn: arn }))).Tags), onTagsFailed)
    return resource(arn, 'sns:topic', arn.split(':').pop() || arn, { policy: attributes['Policy'] ?? null, tags })
  })
}

/**
 * ECR repositories with their repository policy and tags; a repository
 * without a policy answers `RepositoryPolicyNotFoundException`.
 * https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_GetRepositoryPolicy.html
 * https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_ListTagsForResource.html
 */
export async function collectRepositories(client: ECRClient, concurrency: number, onTagsFailed?: OnTagsFailed): Promise<CrownpathResource[]> {
  const repositories: { repositoryArn?: string; repositoryName?: string; registryId?: string }[] = []
  for await (const page of paginateDescribeRepositories({ client }, {})) repositories.push(...(page.repositories ?? []))
  return mapWithConcurrency(
    repositories.filter((r) => r.repositoryArn && r.repositoryName),
    concurrency,
    async (repo) => {
      let policy: string | null = null
      try {
        const answer = await client.send(new GetRepositoryPolicyCommand({ repositoryName: repo.repositoryName!, ...(repo.registryId ? { registryId: repo.registryId } : {}) }))
        policy = answer.policyText ?? null
      } catch (error) {
        if (!isAbsent(error, ['RepositoryPolicyNotFoundException'])) throw error
      }
      const tags = await readTags(async () => tagRecord((await client.send(new ListEcrTagsCommand({ resourceArn: repo.repositoryArn! }))).tags), onTagsFailed)
      return resource(repo.repositoryArn!, 'ecr:repository', repo.repositoryName!, { policy, tags })
    },
  )
}

/**
 * SageMaker notebook instances, training jobs and models with the role they
 * run as, and endpoints with the execution roles of the models they serve
 * (endpoint → endpoint config → production variants' models), which is the
 * role code in the endpoint's containers gets.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeNotebookInstance.html
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeTrainingJob.html
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeModel.html
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpointConfig.html
 * Each with its tags (`ListTags` by ARN, paginated):
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTags.html
 */
export async function collectSageMaker(client: SageMakerClient, concurrency: number, onTagsFailed?: OnTagsFailed): Promise<CrownpathResource[]> {
  const notebookNames: string[] = []
  for await (const page of paginateListNotebookInstances({ client }, {})) for (const n of page.NotebookInstances ?? []) if (n.NotebookInstanceName) notebookNames.push(n.NotebookInstanceName)
  const notebooks = await mapWithConcurrency(notebookNames, concurrency, async (name) => {
    const nb = await client.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: name }))
    return resource(nb.NotebookInstanceArn!, 'sagemaker:notebook-instance', name, {
      runsAs: nb.RoleArn ? [nb.RoleArn] : [],
      properties: { status: nb.NotebookInstanceStatus ?? null, directInternetAccess: nb.DirectInternetAccess ?? null, rootAccess: nb.RootAccess ?? null },
    })
  })

  const jobNames: string[] = []
  for await (const page of paginateListTrainingJobs({ client }, {})) for (const j of page.TrainingJobSummaries ?? []) if (j.TrainingJobName) jobNames.push(j.TrainingJobName)
  const jobs = await mapWithConcurrency(jobNames, concurrency, async (name) => {
    const job = await client.send(new DescribeTrainingJobCommand({ TrainingJobName: name }))
    return resource(job.TrainingJobArn!, 'sagemaker:training-job', name, { runsAs: job.RoleArn ? [job.RoleArn] : [], properties: { status: job.TrainingJobStatus ?? null } })
  })

  const modelNames: string[] = []
  for await (const page of paginateListModels({ client }, {})) for (const m of page.Models ?? []) if (m.ModelName) modelNames.push(m.ModelName)
  const models = await mapWithConcurrency(modelNames, concurrency, async (name) => {
    const model = await client.send(new DescribeModelCommand({ ModelName: name }))
    return resource(model.ModelArn!, 'sagemaker:model', name, { runsAs: model.ExecutionRoleArn ? [model.ExecutionRoleArn] : [] })
  })
  const roleOfModel = new Map(models.map((m) => [m.name!, m.runsAs ?? []]))

  const endpointSummaries: { EndpointName?: string; EndpointArn?: string; EndpointStatus?: string }[] = []
  for await (const page of paginateListEndpoints({ client }, {})) endpointSummaries.push(...(page.Endpoints ?? []))
  const endpoints = await mapWithConcurrency(
    endpointSummaries.filter((e) => e.EndpointName && e.EndpointArn),
    concurrency,
    async (summary) => {
      const endpoint = await client.send(new DescribeEndpointCommand({ EndpointName: summary.EndpointName! }))
      const config = endpoint.EndpointConfigName ? await client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: endpoint.EndpointConfigName })) : null
      const runsAs = new Set((config?.ProductionVariants ?? []).flatMap((v) => (v.ModelName ? (roleOfModel.get(v.ModelName) ?? []) : [])))
      return resource(summary.EndpointArn!, 'sagemaker:endpoint', summary.EndpointName!, {
        runsAs: [...runsAs],
        properties: { status: endpoint.EndpointStatus ?? summary.EndpointStatus ?? null, endpointConfigName: endpoint.EndpointConfigName ?? null },
      })
    },
  )
  const all = [...notebooks, ...endpoints, ...jobs, ...models].filter((r) => r.arn)
  return mapWithConcurrency(all, concurrency, async (r) => {
    const tags = await readTags(async () => {
      const out: Record<string, string> = {}
      for await (const page of paginateListTags({ client }, { ResourceArn: r.arn })) Object.assign(out, tagRecord(page.Tags))
      return out
    }, onTagsFailed)
    return { ...r, tags }
  })
}

/**
 * Bedrock agents with their service role (`agentResourceRoleArn`).
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent_GetAgent.html
 */
export async function collectAgents(client: BedrockAgentClient, concurrency: number): Promise<CrownpathResource[]> {
  const ids: string[] = []
  for await (const page of paginateListAgents({ client }, {})) for (const a of page.agentSummaries ?? []) if (a.agentId) ids.push(a.agentId)
  const agents = await mapWithConcurrency(ids, concurrency, async (id) => (await client.send(new GetAgentCommand({ agentId: id }))).agent)
  return agents
    .filter((a) => a?.agentArn)
    .map((a) => resource(a!.agentArn!, 'bedrock:agent', a!.agentName ?? a!.agentId!, { runsAs: a!.agentResourceRoleArn ? [a!.agentResourceRoleArn] : [], properties: { status: a!.agentStatus ?? null } }))
}
