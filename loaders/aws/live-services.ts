/**
 * @module loaders/aws/live-services
 * Live collection of the resources that carry a resource policy or run as a
 * role, beyond the core services of live.ts: SQS queues, SNS topics, ECR
 * repositories, SageMaker notebook instances / endpoints / training jobs /
 * models, and Bedrock agents. Each collector returns records in crownpath's
 * resources format (`schemas/resources.ts`), with the same types and
 * `runsAs` conventions as the file loader (README.md §2). Read-only calls
 * only; every list is paginated; errors propagate to the caller, which turns
 * a failed service into a `DataIssue`.
 */
import { type SQSClient, paginateListQueues, GetQueueAttributesCommand } from '@aws-sdk/client-sqs'
import { type SNSClient, paginateListTopics, GetTopicAttributesCommand } from '@aws-sdk/client-sns'
import { type ECRClient, paginateDescribeRepositories, GetRepositoryPolicyCommand } from '@aws-sdk/client-ecr'
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
} from '@aws-sdk/client-sagemaker'
import { type BedrockAgentClient, paginateListAgents, GetAgentCommand } from '@aws-sdk/client-bedrock-agent'
import type { CrownpathResource } from './schemas/resources.js'
import { mapWithConcurrency } from './live-options.js'

/** Is this SDK error the "no such sub-resource" answer (no policy attached)? */
function isAbsent(error: unknown, names: readonly string[]): boolean {
  return names.includes((error as { name?: string })?.name ?? '')
}

/** A resource record with the fields every collector fills the same way. */
function resource(arn: string, type: string, name: string, fields: Partial<Pick<CrownpathResource, 'policy' | 'runsAs' | 'properties'>> = {}): CrownpathResource {
  return { arn, type, name, tags: {}, policy: fields.policy ?? null, runsAs: fields.runsAs ?? [], properties: fields.properties ?? {} }
}

/**
 * SQS queues with their queue policy. ListQueues only returns `NextToken`
 * when `MaxResults` is set.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListQueues.html
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueAttributes.html
 */
export async function collectQueues(client: SQSClient, concurrency: number): Promise<CrownpathResource[]> {
  const urls: string[] = []
  for await (const page of paginateListQueues({ client }, { MaxResults: 1000 })) urls.push(...(page.QueueUrls ?? []))
  const out = await mapWithConcurrency(urls, concurrency, async (url) => {
    const attributes = (await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['Policy', 'QueueArn'] }))).Attributes ?? {}
    const arn = attributes['QueueArn']
    if (!arn) return null
    return resource(arn, 'sqs:queue', url.split('/').pop() || arn, { policy: attributes['Policy'] ?? null })
  })
  return out.filter((r): r is CrownpathResource => r !== null)
}

/**
 * SNS topics with their topic policy (`Policy` attribute).
 * https://docs.aws.amazon.com/sns/latest/api/API_GetTopicAttributes.html
 */
export async function collectTopics(client: SNSClient, concurrency: number): Promise<CrownpathResource[]> {
  const arns: string[] = []
  for await (const page of paginateListTopics({ client }, {})) for (const t of page.Topics ?? []) if (t.TopicArn) arns.push(t.TopicArn)
  return mapWithConcurrency(arns, concurrency, async (arn) => {
    const attributes = (await client.send(new GetTopicAttributesCommand({ TopicArn: arn }))).Attributes ?? {}
    return resource(arn, 'sns:topic', arn.split(':').pop() || arn, { policy: attributes['Policy'] ?? null })
  })
}

/**
 * ECR repositories with their repository policy; a repository without one
 * answers `RepositoryPolicyNotFoundException`.
 * https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_GetRepositoryPolicy.html
 */
export async function collectRepositories(client: ECRClient, concurrency: number): Promise<CrownpathResource[]> {
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
      return resource(repo.repositoryArn!, 'ecr:repository', repo.repositoryName!, { policy })
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
 */
export async function collectSageMaker(client: SageMakerClient, concurrency: number): Promise<CrownpathResource[]> {
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
  return [...notebooks, ...endpoints, ...jobs, ...models].filter((r) => r.arn)
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
