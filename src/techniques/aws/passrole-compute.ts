/**
 * @module techniques/aws/passrole-compute
 * New compute + iam:PassRole: launch something that runs code as a role
 * (Lambda, EC2, Spot, Auto Scaling, ECS, CloudFormation, CodeBuild, Glue,
 * SageMaker, Data Pipeline, App Runner, Bedrock AgentCore). One data table
 * of rows, one shared detector; each row is its own Technique.
 *
 * Every row needs: PassRole(R) with `iam:PassedToService = <service>`, R's
 * trust admitting that service principal, and the row's actions on a new
 * (or named existing) resource in the principal's account. The role must be
 * in the principal's account: a role cannot be passed across accounts.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
import type { Evidence } from '../../model/index.js'
import type { Technique } from '../technique.js'
import type { AwsTechniqueContext, Grant, RequestContext, ServiceTrust } from './context.js'
import { inventoryEvidence, memo, techniqueEdge } from './shared.js'

/** One required action and the ARN pattern it is authorised against (`{a}` = the principal's account). */
interface RowAction {
  readonly action: string
  readonly resource: string
}

/** One PassRole-to-compute technique. */
interface PassRoleRow {
  readonly name: string
  readonly title: string
  /** Service principals the role's trust must admit (any one). */
  readonly services: readonly string[]
  readonly actions: readonly RowAction[]
  /** EC2 family: R must sit in an instance profile. */
  readonly needsInstanceProfile?: boolean
  /** A resource of this type must exist in the account (a cluster to run on, a job to update). */
  readonly existing?: { readonly type: string; readonly actionsOnIt: boolean }
  /** Context key naming the passed role on the service action (cloudformation:RoleArn). */
  readonly roleContextKey?: string
  readonly cost: number
  readonly seeAlso: Readonly<Record<string, string>>
  readonly abuse: string
}

const LAMBDA_FN = 'arn:aws:lambda:*:{a}:function:*'
const CFN_STACK = 'arn:aws:cloudformation:*:{a}:stack/*'
const CFN_STACKSET = 'arn:aws:cloudformation:*:{a}:stackset/*'
const CODEBUILD = 'arn:aws:codebuild:*:{a}:project/*'
const GLUE_JOB = 'arn:aws:glue:*:{a}:job/*'
const ECS_TASKDEF = 'arn:aws:ecs:*:{a}:task-definition/*'
const ECS_SERVICE = 'arn:aws:ecs:*:{a}:service/*'
const EC2_INSTANCE = 'arn:aws:ec2:*:{a}:instance/*'
const AGENTCORE_CI = 'arn:aws:bedrock-agentcore:*:{a}:code-interpreter-custom/*'

const EC2 = ['ec2.amazonaws.com']
const LAMBDA = ['lambda.amazonaws.com']
const GLUE = ['glue.amazonaws.com']
const CFN = ['cloudformation.amazonaws.com']
const CODEBUILD_SVC = ['codebuild.amazonaws.com']
const SAGEMAKER = ['sagemaker.amazonaws.com']
const ECS_TASKS = ['ecs-tasks.amazonaws.com']

/** The table. Order matters only for readability; each row yields its own edges. */
export const PASSROLE_ROWS: readonly PassRoleRow[] = [
  { name: 'lambda-create-invoke', title: 'Create a Lambda function with the role and invoke it', services: LAMBDA, actions: [{ action: 'lambda:CreateFunction', resource: LAMBDA_FN }, { action: 'lambda:InvokeFunction', resource: LAMBDA_FN }], cost: 2, seeAlso: { pathfinding: 'lambda-001', iamVulnerable: '15', pmapper: 'lambda_edges', pacu: 'PassExistingRoleToNewLambdaThenInvoke', cloudsplaining: 'PassExistingRoleToNewLambdaThenInvoke' }, abuse: 'aws lambda create-function --function-name x --role <role> --runtime python3.12 --handler x.handler --zip-file fileb://x.zip; aws lambda invoke --function-name x out.json' },
  { name: 'lambda-create-event-source', title: 'Create a Lambda function with the role and an event source mapping', services: LAMBDA, actions: [{ action: 'lambda:CreateFunction', resource: LAMBDA_FN }, { action: 'lambda:CreateEventSourceMapping', resource: 'arn:aws:lambda:*:{a}:event-source-mapping:*' }], cost: 3, seeAlso: { pathfinding: 'lambda-002', iamVulnerable: '16', pacu: 'PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo', cloudsplaining: 'PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo' }, abuse: 'aws lambda create-function ... --role <role>; aws lambda create-event-source-mapping --function-name x --event-source-arn <stream or queue>' },
  { name: 'lambda-create-add-permission', title: 'Create a Lambda function with the role and grant oneself invoke', services: LAMBDA, actions: [{ action: 'lambda:CreateFunction', resource: LAMBDA_FN }, { action: 'lambda:AddPermission', resource: LAMBDA_FN }], cost: 3, seeAlso: { pathfinding: 'lambda-006', pacu: 'PassExistingRoleToNewLambdaThenInvokeCrossAccount', cloudsplaining: 'PassExistingRoleToNewLambdaThenInvokeCrossAccount' }, abuse: 'aws lambda create-function ... --role <role>; aws lambda add-permission --function-name x --principal <account you control> --action lambda:InvokeFunction --statement-id x' },
  { name: 'lambda-update-config', title: "Swap an existing function's role and code", services: LAMBDA, actions: [{ action: 'lambda:UpdateFunctionConfiguration', resource: LAMBDA_FN }, { action: 'lambda:UpdateFunctionCode', resource: LAMBDA_FN }], existing: { type: 'lambda:function', actionsOnIt: true }, cost: 3, seeAlso: { pmapper: 'lambda_edges' }, abuse: 'aws lambda update-function-configuration --function-name <f> --role <role>; aws lambda update-function-code --function-name <f> --zip-file fileb://x.zip' },
  { name: 'ec2-run-instances', title: "Run an EC2 instance with the role's instance profile", services: EC2, needsInstanceProfile: true, actions: [{ action: 'ec2:RunInstances', resource: EC2_INSTANCE }], cost: 2, seeAlso: { pathfinding: 'ec2-001', iamVulnerable: '3', pmapper: 'ec2_edges', pacu: 'CreateEC2WithExistingIP', cloudsplaining: 'CreateEC2WithExistingIP', awspx: 'CreateInstance' }, abuse: 'aws ec2 run-instances --image-id <ami> --iam-instance-profile Name=<profile> --user-data file://exfil.sh' },
  { name: 'ec2-run-then-associate-profile', title: 'Run an EC2 instance, then associate the role\'s instance profile', services: EC2, needsInstanceProfile: true, actions: [{ action: 'ec2:RunInstances', resource: EC2_INSTANCE }, { action: 'ec2:AssociateIamInstanceProfile', resource: EC2_INSTANCE }], cost: 3, seeAlso: { pmapper: 'ec2_edges', awspx: 'AssociateInstanceProfile' }, abuse: 'aws ec2 run-instances ...; aws ec2 associate-iam-instance-profile --instance-id <i> --iam-instance-profile Name=<profile>' },
  { name: 'ec2-request-spot-instances', title: "Request a Spot instance with the role's instance profile", services: EC2, needsInstanceProfile: true, actions: [{ action: 'ec2:RequestSpotInstances', resource: 'arn:aws:ec2:*:{a}:spot-instances-request/*' }], cost: 3, seeAlso: { pathfinding: 'ec2-003', cloudsplaining: 'PassExistingRoleToNewEC2SpotInstance' }, abuse: 'aws ec2 request-spot-instances --launch-specification \'{"IamInstanceProfile":{"Arn":"<profile>"},"UserData":"..."}\'' },
  { name: 'autoscaling-launch-config', title: 'Create a launch configuration with the role and an Auto Scaling group', services: EC2, needsInstanceProfile: true, actions: [{ action: 'autoscaling:CreateLaunchConfiguration', resource: 'arn:aws:autoscaling:*:{a}:launchConfiguration:*:launchConfigurationName/*' }, { action: 'autoscaling:CreateAutoScalingGroup', resource: 'arn:aws:autoscaling:*:{a}:autoScalingGroup:*:autoScalingGroupName/*' }], cost: 3, seeAlso: { pmapper: 'autoscaling_edges' }, abuse: 'aws autoscaling create-launch-configuration --iam-instance-profile <profile> --user-data ...; aws autoscaling create-auto-scaling-group --launch-configuration-name x --min-size 1 ...' },
  { name: 'cloudformation-create-stack', title: 'Create a CloudFormation stack with the role as service role', services: CFN, roleContextKey: 'cloudformation:RoleArn', actions: [{ action: 'cloudformation:CreateStack', resource: CFN_STACK }], cost: 2, seeAlso: { pathfinding: 'cloudformation-001', iamVulnerable: '20', pmapper: 'cloudformation_edges', pacu: 'PassExistingRoleToNewCloudFormation', cloudsplaining: 'PassExistingRoleToCloudFormation' }, abuse: 'aws cloudformation create-stack --stack-name x --role-arn <role> --template-body file://admin-user.yaml --capabilities CAPABILITY_IAM' },
  { name: 'cloudformation-update-stack', title: 'Update an existing stack, attaching the role as service role', services: CFN, roleContextKey: 'cloudformation:RoleArn', actions: [{ action: 'cloudformation:UpdateStack', resource: CFN_STACK }], existing: { type: 'cloudformation:stack', actionsOnIt: true }, cost: 3, seeAlso: { pmapper: 'cloudformation_edges' }, abuse: 'aws cloudformation update-stack --stack-name <existing> --role-arn <role> --template-body file://x.yaml' },
  { name: 'cloudformation-create-stackset', title: 'Create a StackSet and stack instances with the role', services: CFN, actions: [{ action: 'cloudformation:CreateStackSet', resource: CFN_STACKSET }, { action: 'cloudformation:CreateStackInstances', resource: CFN_STACKSET }], cost: 3, seeAlso: { pathfinding: 'cloudformation-003', cloudsplaining: 'PassExistingRoleToNewCloudFormationStackSet' }, abuse: 'aws cloudformation create-stack-set --administration-role-arn <role> --template-body ...; aws cloudformation create-stack-instances ...' },
  { name: 'cloudformation-update-stackset', title: 'Update an existing StackSet with the role', services: CFN, actions: [{ action: 'cloudformation:UpdateStackSet', resource: CFN_STACKSET }], existing: { type: 'cloudformation:stackset', actionsOnIt: true }, cost: 3, seeAlso: { pathfinding: 'cloudformation-004' }, abuse: 'aws cloudformation update-stack-set --stack-set-name <existing> --administration-role-arn <role> --template-body ...' },
  { name: 'codebuild-create-project-build', title: 'Create a CodeBuild project with the role and start a build', services: CODEBUILD_SVC, actions: [{ action: 'codebuild:CreateProject', resource: CODEBUILD }, { action: 'codebuild:StartBuild', resource: CODEBUILD }], cost: 2, seeAlso: { pathfinding: 'codebuild-001', iamVulnerable: '24', pmapper: 'codebuild_edges', cloudsplaining: 'PassExistingRoleToNewCodeBuildProject' }, abuse: 'aws codebuild create-project --service-role <role> --source type=NO_SOURCE,buildspec=...; aws codebuild start-build --project-name x' },
  { name: 'codebuild-create-project-batch', title: 'Create a CodeBuild project with the role and start a batch build', services: CODEBUILD_SVC, actions: [{ action: 'codebuild:CreateProject', resource: CODEBUILD }, { action: 'codebuild:StartBuildBatch', resource: CODEBUILD }], cost: 3, seeAlso: { pathfinding: 'codebuild-004', pmapper: 'codebuild_edges' }, abuse: 'aws codebuild create-project --service-role <role> --build-batch-config ...; aws codebuild start-build-batch --project-name x' },
  { name: 'codebuild-update-project-build', title: 'Point an existing CodeBuild project at the role and build', services: CODEBUILD_SVC, actions: [{ action: 'codebuild:UpdateProject', resource: CODEBUILD }, { action: 'codebuild:StartBuild', resource: CODEBUILD }], existing: { type: 'codebuild:project', actionsOnIt: true }, cost: 3, seeAlso: { pmapper: 'codebuild_edges' }, abuse: 'aws codebuild update-project --name <existing> --service-role <role>; aws codebuild start-build --project-name <existing> --buildspec-override ...' },
  { name: 'glue-create-dev-endpoint', title: 'Create a Glue development endpoint with the role', services: GLUE, actions: [{ action: 'glue:CreateDevEndpoint', resource: 'arn:aws:glue:*:{a}:devEndpoint/*' }], cost: 3, seeAlso: { pathfinding: 'glue-001', iamVulnerable: '18', pacu: 'PassExistingRoleToNewGlueDevEndpoint', cloudsplaining: 'PassExistingRoleToNewGlueDevEndpoint' }, abuse: 'aws glue create-dev-endpoint --endpoint-name x --role-arn <role> --public-key file://key.pub; ssh glue@<endpoint>' },
  { name: 'glue-create-job-start', title: 'Create a Glue job with the role and run it', services: GLUE, actions: [{ action: 'glue:CreateJob', resource: GLUE_JOB }, { action: 'glue:StartJobRun', resource: GLUE_JOB }], cost: 2, seeAlso: { pathfinding: 'glue-003', cloudsplaining: 'PassExistingRoleToNewGlueJob' }, abuse: 'aws glue create-job --name x --role <role> --command Name=pythonshell,ScriptLocation=s3://...; aws glue start-job-run --job-name x' },
  { name: 'glue-create-job-trigger', title: 'Create a Glue job with the role and a trigger', services: GLUE, actions: [{ action: 'glue:CreateJob', resource: GLUE_JOB }, { action: 'glue:CreateTrigger', resource: 'arn:aws:glue:*:{a}:trigger/*' }], cost: 3, seeAlso: { pathfinding: 'glue-004' }, abuse: 'aws glue create-job --role <role> ...; aws glue create-trigger --type ON_DEMAND --actions JobName=x --start-on-creation' },
  { name: 'glue-update-job-start', title: 'Point an existing Glue job at the role and run it', services: GLUE, actions: [{ action: 'glue:UpdateJob', resource: GLUE_JOB }, { action: 'glue:StartJobRun', resource: GLUE_JOB }], existing: { type: 'glue:job', actionsOnIt: true }, cost: 3, seeAlso: { pathfinding: 'glue-005' }, abuse: 'aws glue update-job --job-name <existing> --job-update Role=<role>,Command=...; aws glue start-job-run --job-name <existing>' },
  { name: 'glue-update-job-trigger', title: 'Point an existing Glue job at the role and trigger it', services: GLUE, actions: [{ action: 'glue:UpdateJob', resource: GLUE_JOB }, { action: 'glue:CreateTrigger', resource: 'arn:aws:glue:*:{a}:trigger/*' }], existing: { type: 'glue:job', actionsOnIt: false }, cost: 3, seeAlso: { pathfinding: 'glue-006' }, abuse: 'aws glue update-job ...; aws glue create-trigger --start-on-creation ...' },
  { name: 'glue-create-session-run', title: 'Create a Glue interactive session with the role and run a statement', services: GLUE, actions: [{ action: 'glue:CreateSession', resource: 'arn:aws:glue:*:{a}:session/*' }, { action: 'glue:RunStatement', resource: 'arn:aws:glue:*:{a}:session/*' }], cost: 2, seeAlso: { pathfindingLabs: 'glue-007' }, abuse: 'aws glue create-session --id x --role <role> --command Name=glueetl; aws glue run-statement --session-id x --code "..."' },
  { name: 'sagemaker-create-notebook', title: 'Create a SageMaker notebook instance with the role', services: SAGEMAKER, actions: [{ action: 'sagemaker:CreateNotebookInstance', resource: 'arn:aws:sagemaker:*:{a}:notebook-instance/*' }, { action: 'sagemaker:CreatePresignedNotebookInstanceUrl', resource: 'arn:aws:sagemaker:*:{a}:notebook-instance/*' }], cost: 3, seeAlso: { pathfinding: 'sagemaker-001', iamVulnerable: '26', pmapper: 'sagemaker_edges', cloudsplaining: 'PassExistingRoleToNewSageMakerNotebook' }, abuse: 'aws sagemaker create-notebook-instance --notebook-instance-name x --role-arn <role> --instance-type ml.t3.medium; aws sagemaker create-presigned-notebook-instance-url --notebook-instance-name x' },
  { name: 'sagemaker-create-training-job', title: 'Create a SageMaker training job with the role', services: SAGEMAKER, actions: [{ action: 'sagemaker:CreateTrainingJob', resource: 'arn:aws:sagemaker:*:{a}:training-job/*' }], cost: 3, seeAlso: { pathfinding: 'sagemaker-002', iamVulnerable: '29', pmapper: 'sagemaker_edges', cloudsplaining: 'PassExistingRoleToNewSageMakerTrainingJob' }, abuse: 'aws sagemaker create-training-job --role-arn <role> --algorithm-specification TrainingImage=<your image> ...' },
  { name: 'sagemaker-create-processing-job', title: 'Create a SageMaker processing job with the role', services: SAGEMAKER, actions: [{ action: 'sagemaker:CreateProcessingJob', resource: 'arn:aws:sagemaker:*:{a}:processing-job/*' }], cost: 3, seeAlso: { pathfinding: 'sagemaker-003', iamVulnerable: '28', pmapper: 'sagemaker_edges', cloudsplaining: 'PassExistingRoleToNewSageMakerProcessingJob' }, abuse: 'aws sagemaker create-processing-job --role-arn <role> --app-specification ImageUri=<your image>,ContainerEntrypoint=...' },
  { name: 'datapipeline-create', title: 'Create and activate a Data Pipeline with the role', services: ['datapipeline.amazonaws.com', 'elasticmapreduce.amazonaws.com'], actions: [{ action: 'datapipeline:CreatePipeline', resource: '*' }, { action: 'datapipeline:PutPipelineDefinition', resource: 'arn:aws:datapipeline:*:{a}:pipeline/*' }, { action: 'datapipeline:ActivatePipeline', resource: 'arn:aws:datapipeline:*:{a}:pipeline/*' }], cost: 4, seeAlso: { pathfinding: 'datapipeline-001', iamVulnerable: '21', pacu: 'PassExistingRoleToNewDataPipeline', cloudsplaining: 'PassExistingRoleToNewDataPipeline' }, abuse: 'aws datapipeline create-pipeline ...; aws datapipeline put-pipeline-definition --pipeline-definition file://shell-command.json; aws datapipeline activate-pipeline ...' },
  { name: 'ecs-register-run-task', title: 'Register a task definition with the role and run it', services: ECS_TASKS, existing: { type: 'ecs:cluster', actionsOnIt: false }, actions: [{ action: 'ecs:RegisterTaskDefinition', resource: '*' }, { action: 'ecs:RunTask', resource: ECS_TASKDEF }], cost: 2, seeAlso: { pathfinding: 'ecs-004', cloudsplaining: 'PassExistingRoleToNewEcsTaskThenRunTask' }, abuse: 'aws ecs register-task-definition --task-role-arn <role> ...; aws ecs run-task --cluster <c> --task-definition x' },
  { name: 'ecs-register-create-service', title: 'Register a task definition with the role and create a service', services: ECS_TASKS, existing: { type: 'ecs:cluster', actionsOnIt: false }, actions: [{ action: 'ecs:RegisterTaskDefinition', resource: '*' }, { action: 'ecs:CreateService', resource: ECS_SERVICE }], cost: 3, seeAlso: { pathfinding: 'ecs-003' }, abuse: 'aws ecs register-task-definition --task-role-arn <role> ...; aws ecs create-service --cluster <c> --task-definition x --desired-count 1' },
  { name: 'ecs-register-start-task', title: 'Register a task definition with the role and start it on a container instance', services: ECS_TASKS, existing: { type: 'ecs:cluster', actionsOnIt: false }, actions: [{ action: 'ecs:RegisterTaskDefinition', resource: '*' }, { action: 'ecs:StartTask', resource: ECS_TASKDEF }], cost: 3, seeAlso: { pathfinding: 'ecs-005' }, abuse: 'aws ecs register-task-definition --task-role-arn <role> ...; aws ecs start-task --cluster <c> --container-instances <ci> --task-definition x' },
  { name: 'ecs-create-cluster-register-service', title: 'Create a cluster, register a task definition with the role and create a service', services: ECS_TASKS, actions: [{ action: 'ecs:CreateCluster', resource: '*' }, { action: 'ecs:RegisterTaskDefinition', resource: '*' }, { action: 'ecs:CreateService', resource: ECS_SERVICE }], cost: 3, seeAlso: { pathfinding: 'ecs-001' }, abuse: 'aws ecs create-cluster --cluster-name x; aws ecs register-task-definition --task-role-arn <role> ...; aws ecs create-service ...' },
  { name: 'ecs-create-cluster-register-run', title: 'Create a cluster, register a task definition with the role and run it', services: ECS_TASKS, actions: [{ action: 'ecs:CreateCluster', resource: '*' }, { action: 'ecs:RegisterTaskDefinition', resource: '*' }, { action: 'ecs:RunTask', resource: ECS_TASKDEF }], cost: 3, seeAlso: { pathfinding: 'ecs-002' }, abuse: 'aws ecs create-cluster --cluster-name x; aws ecs register-task-definition --task-role-arn <role> ...; aws ecs run-task ...' },
  { name: 'ecs-run-task-override', title: 'Run an existing task definition with a task-role override', services: ECS_TASKS, existing: { type: 'ecs:task-definition', actionsOnIt: true }, actions: [{ action: 'ecs:RunTask', resource: ECS_TASKDEF }], cost: 3, seeAlso: { pathfindingLabs: 'ecs-008' }, abuse: 'aws ecs run-task --task-definition <existing> --overrides \'{"taskRoleArn":"<role>","containerOverrides":[{"name":"c","command":["sh","-c","..."]}]}\'' },
  { name: 'ecs-start-task-override', title: 'Start an existing task definition with a task-role override', services: ECS_TASKS, existing: { type: 'ecs:task-definition', actionsOnIt: true }, actions: [{ action: 'ecs:StartTask', resource: ECS_TASKDEF }], cost: 3, seeAlso: { pathfindingLabs: 'ecs-009' }, abuse: 'aws ecs start-task --task-definition <existing> --container-instances <ci> --overrides ...' },
  { name: 'apprunner-create-service', title: 'Create an App Runner service with the role as instance role', services: ['tasks.apprunner.amazonaws.com'], actions: [{ action: 'apprunner:CreateService', resource: 'arn:aws:apprunner:*:{a}:service/*' }], cost: 3, seeAlso: { pathfinding: 'apprunner-001', cloudsplaining: 'PassExistingRoleToNewAppRunnerService' }, abuse: 'aws apprunner create-service --service-name x --instance-configuration InstanceRoleArn=<role> --source-configuration ...' },
  { name: 'bedrock-agentcore-code-interpreter', title: 'Create a Bedrock AgentCore code interpreter with the role and run code in it', services: ['bedrock-agentcore.amazonaws.com'], actions: [{ action: 'bedrock-agentcore:CreateCodeInterpreter', resource: AGENTCORE_CI }, { action: 'bedrock-agentcore:StartCodeInterpreterSession', resource: AGENTCORE_CI }, { action: 'bedrock-agentcore:InvokeCodeInterpreter', resource: AGENTCORE_CI }], cost: 3, seeAlso: { pathfinding: 'bedrock-001', cloudsplaining: 'PassExistingRoleToNewBedrockCodeInterpreter' }, abuse: 'aws bedrock-agentcore-control create-code-interpreter --execution-role-arn <role> ...; start-code-interpreter-session; invoke-code-interpreter --name executeCode ...' },
]

/** Who may pass each role to a service, same account only (memoised per context). */
function passers(ctx: AwsTechniqueContext, trust: ServiceTrust, service: string): readonly { principal: string; grant: Grant }[] {
  return memo(ctx, `passrole:${trust.role.arn}:${service}`, () =>
    ctx
      .whoCan('iam:PassRole', trust.role.arn, { 'iam:PassedToService': service })
      .filter(({ principal }) => principal !== trust.role.arn && ctx.accountOf(principal) === trust.role.accountId),
  )
}

/** Trust conditions the service satisfies by itself (aws:SourceAccount = the role's own account). */
function trustConditions(trust: ServiceTrust): ServiceTrust['conditions'] {
  return trust.conditions.filter((c) => !(c.key.toLowerCase() === 'aws:sourceaccount' && c.values.every((v) => v === trust.role.accountId)))
}

function makePassRoleTechnique(row: PassRoleRow): Technique<AwsTechniqueContext> {
  const id = `aws/passrole-compute/${row.name}`
  const t = { id, edgeKind: 'CanEscalateTo' as const, cost: row.cost }
  const [firstService] = row.services
  return {
    id,
    provider: 'aws',
    edgeKind: 'CanEscalateTo',
    title: row.title,
    gain: 'execute',
    requires: [
      { action: 'iam:PassRole', on: 'target role', context: `iam:PassedToService=${firstService}` },
      ...row.actions.map((a) => ({ action: a.action, on: a.resource.replace('{a}', '<account>'), ...(row.roleContextKey ? { context: `${row.roleContextKey}=<role>` } : {}) })),
    ],
    cost: row.cost,
    seeAlso: row.seeAlso,
    text: {
      general: `The principal may pass the role to ${row.services.join(' / ')} and ${row.actions.map((a) => a.action).join(' + ')}, so it can start compute that runs its own code as the role${row.needsInstanceProfile ? ' (the role must be in an instance profile)' : ''}${row.existing ? ` (needs an existing ${row.existing.type} in the account)` : ''}. The role's trust policy must admit ${row.services.join(' or ')}.`,
      abuse: row.abuse,
      opsec: 'Creates or changes a compute resource (a CloudTrail management event); the code then runs with the role\'s credentials, which can be exfiltrated from the runtime.',
      remediation: `Scope iam:PassRole to the specific roles this principal must pass (never \`*\`), with an iam:PassedToService condition; or remove ${row.actions.map((a) => a.action).join(' / ')}.`,
      references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html', 'https://pathfinding.cloud/'],
    },
    *detect(ctx) {
      const computeGrants = new Map<string, { grants: Grant[] | null; extra: readonly Evidence[] }>()
      for (const service of row.services) {
        for (const trust of ctx.rolesTrustingService(service)) {
          const role = trust.role
          if (row.needsInstanceProfile && role.instanceProfiles.length === 0) continue
          const account = role.accountId
          const existing = row.existing ? ctx.resourcesOfTypeIn(row.existing.type, account) : []
          if (row.existing && existing.length === 0) continue
          for (const { principal, grant } of passers(ctx, trust, service)) {
            // Known request context: the role named on the service call, and for EC2 the instance profile passed.
            const known: Record<string, string> = {}
            if (row.roleContextKey) known[row.roleContextKey] = role.arn
            if (row.needsInstanceProfile && role.instanceProfiles[0]) known['ec2:InstanceProfile'] = role.instanceProfiles[0].arn
            const context: RequestContext | undefined = Object.keys(known).length > 0 ? known : undefined
            const actionGrants = (resourceFor: (a: RowAction) => string): Grant[] | null => {
              const out: Grant[] = []
              for (const a of row.actions) {
                const g = ctx.allowed(principal, a.action, resourceFor(a), context)
                if (!g) return null
                out.push(g)
              }
              return out
            }
            // The compute-side grants depend on the principal, the account and the known context only,
            // not on the role: every role of the account trusting the service asks the same question.
            const key = `${principal}\u0000${account}\u0000${Object.entries(known).map(([k, v]) => `${k}=${v}`).join('\u0001')}`
            let found = computeGrants.get(key)
            if (found === undefined) {
              let grants: Grant[] | null = null
              const extra: Evidence[] = []
              if (row.existing?.actionsOnIt) {
                for (const res of existing) {
                  const patternService = (a: RowAction): string => (a.resource.split(':')[2] === res.arn.split(':')[2] ? res.arn : a.resource.replace('{a}', account))
                  grants = actionGrants(patternService)
                  if (grants) {
                    extra.push(inventoryEvidence(res.arn, `existing ${row.existing.type}`))
                    break
                  }
                }
              } else {
                grants = actionGrants((a) => a.resource.replace('{a}', account))
                if (grants && existing[0]) extra.push(inventoryEvidence(existing[0].arn, `existing ${row.existing?.type} to run on`))
              }
              found = { grants, extra }
              computeGrants.set(key, found)
            }
            const grants = found.grants
            if (!grants) continue
            const extra = [...found.extra]
            if (row.needsInstanceProfile) extra.push(inventoryEvidence(role.instanceProfiles[0]?.arn ?? role.arn, 'instance profile holding the role'))
            extra.push({ type: 'trust-policy', policy: `${role.arn}#trust`, policyName: role.name, statement: trust.statement, sid: trust.sid, action: 'sts:AssumeRole', resource: role.arn, note: `trust admits ${service}` })
            yield techniqueEdge(t, principal, role.arn, [grant, ...grants], extra, trustConditions(trust))
          }
        }
      }
    },
  }
}

/** Every PassRole-to-compute technique (catalogue section D). */
export const PASSROLE_COMPUTE_TECHNIQUES: readonly Technique<AwsTechniqueContext>[] = PASSROLE_ROWS.map(makePassRoleTechnique)
