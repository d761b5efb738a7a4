/**
 * @module techniques/aws/resource-hijack
 * Existing-resource hijack: take over compute that already runs as a role
 * (update a function's code, send a command to an instance, start a build
 * with an overridden buildspec, open a notebook...). No PassRole is needed.
 * The edge goes principal → resource (CanControl); the structural
 * resource → role RunsAs edge completes the path.
 */
import type { AwsResource } from '../../model/index.js'
import { awsServiceScopeId } from '../../model/index.js'
import type { Technique } from '../technique.js'
import { perContext } from '../per-context.js'
import type { AwsTechniqueContext, Grant } from './context.js'
import { pushTo } from './context.js'
import { techniqueEdge } from './shared.js'

/** One required action; `resource` defaults to the hijacked resource itself. */
interface HijackAction {
  readonly action: string
  /** Another ARN the action is also authorised against (`{a}`, `{r}` = account, region of the resource). */
  readonly alsoOn?: string
  /** Authorised against this pattern instead of the resource (a new lifecycle config, a new ASG). */
  readonly instead?: string
}

interface HijackRow {
  readonly name: string
  readonly title: string
  readonly resourceType: string
  readonly actions: readonly HijackAction[]
  /** A property that must not be false (`ssmManaged`, `executeCommandEnabled`, `batchEnabled`). */
  readonly requiresProperty?: string
  readonly cost: number
  readonly seeAlso: Readonly<Record<string, string>>
  readonly abuse: string
}

const ROWS: readonly HijackRow[] = [
  { name: 'lambda-update-code-invoke', title: "Replace a function's code and invoke it", resourceType: 'lambda:function', actions: [{ action: 'lambda:UpdateFunctionCode' }, { action: 'lambda:InvokeFunction' }], cost: 2, seeAlso: { pathfinding: 'lambda-004', cloudsplaining: 'UpdateAndInvokeLambdaFunction' }, abuse: 'aws lambda update-function-code --function-name <f> --zip-file fileb://x.zip; aws lambda invoke --function-name <f> out.json' },
  { name: 'lambda-update-code-add-permission', title: "Replace a function's code and grant oneself invoke", resourceType: 'lambda:function', actions: [{ action: 'lambda:UpdateFunctionCode' }, { action: 'lambda:AddPermission' }], cost: 3, seeAlso: { pathfinding: 'lambda-005' }, abuse: 'aws lambda update-function-code ...; aws lambda add-permission --function-name <f> --principal <you> --action lambda:InvokeFunction --statement-id x' },
  { name: 'lambda-update-code', title: "Replace a function's code and wait for its trigger", resourceType: 'lambda:function', actions: [{ action: 'lambda:UpdateFunctionCode' }], cost: 3, seeAlso: { pathfinding: 'lambda-003', iamVulnerable: '17', pmapper: 'lambda_edges', pacu: 'EditExistingLambdaFunctionWithRole', cloudsplaining: 'EditExistingLambdaFunctionWithRole' }, abuse: 'aws lambda update-function-code --function-name <f> --zip-file fileb://x.zip (then wait for the next invocation)' },
  { name: 'ssm-send-command', title: 'Run a command on an instance through SSM', resourceType: 'ec2:instance', requiresProperty: 'ssmManaged', actions: [{ action: 'ssm:SendCommand', alsoOn: 'arn:aws:ssm:{r}::document/AWS-RunShellScript' }], cost: 2, seeAlso: { pathfinding: 'ssm-002', iamVulnerable: '30', pmapper: 'ssm_edges' }, abuse: 'aws ssm send-command --instance-ids <i> --document-name AWS-RunShellScript --parameters commands="curl http://169.254.169.254/latest/meta-data/iam/security-credentials/<role>"' },
  { name: 'ssm-start-session', title: 'Open an SSM session on an instance', resourceType: 'ec2:instance', requiresProperty: 'ssmManaged', actions: [{ action: 'ssm:StartSession' }], cost: 2, seeAlso: { pathfinding: 'ssm-001', iamVulnerable: '31', pmapper: 'ssm_edges' }, abuse: 'aws ssm start-session --target <i>' },
  { name: 'ec2-instance-connect', title: 'Push an SSH key with EC2 Instance Connect', resourceType: 'ec2:instance', actions: [{ action: 'ec2-instance-connect:SendSSHPublicKey' }], cost: 3, seeAlso: { pathfinding: 'ec2instanceconnect-003', iamVulnerable: '25', cloudsplaining: 'EC2InstanceConnectSendSSHPublicKey' }, abuse: 'aws ec2-instance-connect send-ssh-public-key --instance-id <i> --instance-os-user ec2-user --ssh-public-key file://k.pub; ssh -i k ec2-user@<ip>' },
  { name: 'ec2-serial-console', title: 'Push an SSH key to the EC2 serial console', resourceType: 'ec2:instance', actions: [{ action: 'ec2-instance-connect:SendSerialConsoleSSHPublicKey' }], cost: 3, seeAlso: { pathfinding: 'ec2instanceconnect (serial-console variant)' }, abuse: 'aws ec2-instance-connect send-serial-console-ssh-public-key --instance-id <i> --ssh-public-key file://k.pub; ssh -i k <i>.port0@serial-console.ec2-instance-connect.<region>.aws (needs account-level serial console access enabled)' },
  { name: 'ec2-modify-userdata-restart', title: "Change an instance's user data and restart it", resourceType: 'ec2:instance', actions: [{ action: 'ec2:ModifyInstanceAttribute' }, { action: 'ec2:StopInstances' }, { action: 'ec2:StartInstances' }], cost: 4, seeAlso: { pathfinding: 'ec2-002', cloudsplaining: 'ModifyEC2InstanceUserDataThenRestart' }, abuse: 'aws ec2 stop-instances --instance-ids <i>; aws ec2 modify-instance-attribute --instance-id <i> --user-data file://x; aws ec2 start-instances --instance-ids <i>' },
  { name: 'ec2-launch-template-version', title: 'Add a launch template version with new user data and make it default', resourceType: 'ec2:launch-template', actions: [{ action: 'ec2:CreateLaunchTemplateVersion' }, { action: 'ec2:ModifyLaunchTemplate' }], cost: 4, seeAlso: { pathfinding: 'ec2-004', cloudsplaining: 'ModifyExistingEC2LaunchTemplate' }, abuse: 'aws ec2 create-launch-template-version --launch-template-id <lt> --source-version $Latest --launch-template-data \'{"UserData":"..."}\'; aws ec2 modify-launch-template --launch-template-id <lt> --default-version <n>' },
  { name: 'autoscaling-existing-launch-config', title: 'Create an Auto Scaling group from an existing launch configuration', resourceType: 'autoscaling:launch-configuration', actions: [{ action: 'autoscaling:CreateAutoScalingGroup', instead: 'arn:aws:autoscaling:*:{a}:autoScalingGroup:*:autoScalingGroupName/*' }], cost: 3, seeAlso: { pmapper: 'autoscaling_edges' }, abuse: 'aws autoscaling create-auto-scaling-group --auto-scaling-group-name x --launch-configuration-name <existing> --min-size 1 --max-size 1' },
  { name: 'cloudformation-update-stack', title: 'Update a stack that has a service role', resourceType: 'cloudformation:stack', actions: [{ action: 'cloudformation:UpdateStack' }], cost: 2, seeAlso: { pathfinding: 'cloudformation-002', iamVulnerable: '23', pmapper: 'cloudformation_edges' }, abuse: 'aws cloudformation update-stack --stack-name <s> --template-body file://admin-user.yaml --capabilities CAPABILITY_IAM' },
  { name: 'cloudformation-change-set', title: 'Create and execute a change set on a stack that has a service role', resourceType: 'cloudformation:stack', actions: [{ action: 'cloudformation:CreateChangeSet' }, { action: 'cloudformation:ExecuteChangeSet' }], cost: 3, seeAlso: { pathfinding: 'cloudformation-005', pmapper: 'cloudformation_edges', cloudsplaining: 'ExecuteCloudFormationChangeSet' }, abuse: 'aws cloudformation create-change-set --stack-name <s> --change-set-name x --template-body ...; aws cloudformation execute-change-set --change-set-name x --stack-name <s>' },
  { name: 'codebuild-start-build', title: 'Start a build with an overridden buildspec', resourceType: 'codebuild:project', actions: [{ action: 'codebuild:StartBuild' }], cost: 2, seeAlso: { pathfinding: 'codebuild-002', pmapper: 'codebuild_edges' }, abuse: 'aws codebuild start-build --project-name <p> --buildspec-override file://exfil.yml' },
  { name: 'codebuild-start-build-batch', title: 'Start a batch build with an overridden buildspec', resourceType: 'codebuild:project', requiresProperty: 'batchEnabled', actions: [{ action: 'codebuild:StartBuildBatch' }], cost: 3, seeAlso: { pathfinding: 'codebuild-003', pmapper: 'codebuild_edges' }, abuse: 'aws codebuild start-build-batch --project-name <p> --buildspec-override file://exfil.yml' },
  { name: 'sagemaker-presigned-url', title: 'Open a notebook instance through a presigned URL', resourceType: 'sagemaker:notebook-instance', actions: [{ action: 'sagemaker:CreatePresignedNotebookInstanceUrl' }], cost: 2, seeAlso: { pathfinding: 'sagemaker-004', iamVulnerable: '27', cloudsplaining: 'CreatePresignedSageMakerNotebookUrl' }, abuse: 'aws sagemaker create-presigned-notebook-instance-url --notebook-instance-name <n>; open the URL, run a terminal' },
  { name: 'sagemaker-lifecycle-config', title: 'Attach a lifecycle script to a notebook instance and restart it', resourceType: 'sagemaker:notebook-instance', actions: [{ action: 'sagemaker:CreateNotebookInstanceLifecycleConfig', instead: 'arn:aws:sagemaker:*:{a}:notebook-instance-lifecycle-config/*' }, { action: 'sagemaker:StopNotebookInstance' }, { action: 'sagemaker:UpdateNotebookInstance' }, { action: 'sagemaker:StartNotebookInstance' }], cost: 4, seeAlso: { pathfinding: 'sagemaker-005', cloudsplaining: 'ModifySageMakerNotebookLifecycleConfig' }, abuse: 'aws sagemaker create-notebook-instance-lifecycle-config --on-start Content=<base64 script>; stop, update --lifecycle-config-name, start the notebook' },
  { name: 'glue-update-dev-endpoint', title: "Add one's SSH key to a Glue development endpoint", resourceType: 'glue:devendpoint', actions: [{ action: 'glue:UpdateDevEndpoint' }], cost: 3, seeAlso: { pathfinding: 'glue-002', iamVulnerable: '19', pacu: 'UpdateExistingGlueDevEndpoint', cloudsplaining: 'UpdateExistingGlueDevEndpoint' }, abuse: 'aws glue update-dev-endpoint --endpoint-name <e> --public-key file://k.pub; ssh -i k glue@<endpoint>' },
  { name: 'ecs-execute-command', title: 'Exec into a running ECS task', resourceType: 'ecs:task', requiresProperty: 'executeCommandEnabled', actions: [{ action: 'ecs:ExecuteCommand' }], cost: 2, seeAlso: { pathfindingLabs: 'ecs-006', cloudsplaining: 'ECSExecuteCommandOnRunningTask' }, abuse: 'aws ecs execute-command --cluster <c> --task <t> --container <name> --interactive --command /bin/sh' },
  { name: 'apprunner-update-service', title: "Change an App Runner service's source or start command", resourceType: 'apprunner:service', actions: [{ action: 'apprunner:UpdateService' }], cost: 3, seeAlso: { pathfinding: 'apprunner-002' }, abuse: 'aws apprunner update-service --service-arn <s> --source-configuration ... (start command that exfiltrates the instance role credentials)' },
  { name: 'bedrock-agentcore-invoke-interpreter', title: 'Run code in an existing Bedrock AgentCore code interpreter', resourceType: 'bedrock-agentcore:code-interpreter-custom', actions: [{ action: 'bedrock-agentcore:StartCodeInterpreterSession' }, { action: 'bedrock-agentcore:InvokeCodeInterpreter' }], cost: 2, seeAlso: { pathfinding: 'bedrock-002', cloudsplaining: 'AccessExistingBedrockCodeInterpreterSession' }, abuse: 'aws bedrock-agentcore start-code-interpreter-session --code-interpreter-identifier <id>; invoke-code-interpreter --name executeCode --arguments \'{"code":"..."}\'' },
]

function fill(pattern: string, res: AwsResource): string {
  return pattern.replace('{a}', res.accountId).replace('{r}', res.region ?? '*')
}

function makeHijackTechnique(row: HijackRow): Technique<AwsTechniqueContext> {
  const id = `aws/resource-hijack/${row.name}`
  const t = { id, edgeKind: 'CanControl' as const, cost: row.cost }
  const first = row.actions[0] as HijackAction
  return {
    id,
    provider: 'aws',
    edgeKind: 'CanControl',
    title: row.title,
    gain: 'execute',
    requires: row.actions.map((a) => ({ action: a.action, on: a.instead ?? row.resourceType })),
    cost: row.cost,
    seeAlso: row.seeAlso,
    text: {
      general: `The principal may ${row.actions.map((a) => a.action).join(' + ')} on a ${row.resourceType} that runs as a role, so it can run its own code there and act as that role (follow the RunsAs edge). No iam:PassRole is needed. A grant that covers every ${row.resourceType} of the account gives one edge to the account's ${row.resourceType.split(':')[0]} scope instead of one per resource.${row.requiresProperty ? ` Skipped when the resource reports ${row.requiresProperty} = false.` : ''}`,
      abuse: row.abuse,
      opsec: 'Changes or drives a resource that others rely on; the change and the credential use appear in CloudTrail.',
      remediation: `Scope ${row.actions.map((a) => a.action).join(' / ')} to resources whose role is no more privileged than the caller, or give the resource a least-privilege role.`,
      references: ['https://pathfinding.cloud/', 'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html'],
    },
    *detect(ctx) {
      // Group the hijackable resources by account: a grant that covers every
      // resource of the type in an account becomes ONE edge to the service
      // scope (which Contains them), never one edge per resource.
      const byAccount = new Map<string, AwsResource[]>()
      for (const res of ctx.resourcesOfType(row.resourceType)) {
        if (res.runsAs.length === 0) continue
        if (row.requiresProperty && res.properties[row.requiresProperty] === false) continue
        pushTo(byAccount, res.accountId, res)
      }
      for (const [account, resources] of byAccount) {
        const sample = resources[0] as AwsResource
        const service = row.resourceType.split(':')[0] as string
        // A loop, not flatMap: flatMap here took ~0.12 s in one profile of M's derivation.
        const runsAs = new Set<string>()
        for (const r of resources) for (const role of r.runsAs) runsAs.add(role)
        // One pattern per region that holds such resources: policies often name their region.
        const samples = new Map<string, AwsResource>()
        for (const r of resources) if (!samples.has(r.region ?? '*')) samples.set(r.region ?? '*', r)
        // Candidates: principals with an identity Allow that may match some resource of the type.
        const candidates = new Set<string>()
        for (const [region, r] of samples) for (const c of ctx.whoCan(first.action, first.instead ? fill(first.instead, r) : typePattern(r.arn, account, region))) candidates.add(c.principal)
        const wide = new Set<string>()
        for (const principal of candidates) {
          if (runsAs.has(principal)) continue
          // Wide = every inventoried resource of the type in the account is covered, region by region.
          const perRegion: Grant[] = []
          let isWide = true
          for (const [region, r] of samples) {
            const grants = grantsFor(ctx, row, principal, r, typePattern(r.arn, account, region), 'all')
            if (!grants) {
              isWide = false
              break
            }
            perRegion.push(...grants)
          }
          if (!isWide) continue
          wide.add(principal)
          yield techniqueEdge(t, principal, awsServiceScopeId(account, service), perRegion, [
            { type: 'inventory', policy: awsServiceScopeId(account, service), statement: null, note: `the grant covers every ${row.resourceType} in ${account} (${sample.type})` },
          ])
        }
        const narrow = [...candidates].filter((p) => !wide.has(p))
        for (const res of resources) {
          // A resource policy can grant without any identity policy: ask the index for those names too.
          // Without one, the narrow candidates are the list (no copy per resource: M has 14 k functions).
          let principals: Iterable<string> = narrow
          if (res.policy) {
            const named = new Set(narrow)
            for (const { principal } of ctx.whoCan(first.action, first.instead ? fill(first.instead, res) : res.arn)) if (!wide.has(principal)) named.add(principal)
            principals = named
          }
          for (const principal of principals) {
            if (res.runsAs.includes(principal)) continue
            const grants = grantsFor(ctx, row, principal, res, res.arn)
            if (grants) yield techniqueEdge(t, principal, res.arn, grants)
          }
        }
      }
    },
  }
}

/** `arn:aws:<svc>:<region>:<account>:<type-prefix>*`: every resource of the sample's type in the account and region. */
function typePattern(arn: string, account: string, region: string): string {
  const parts = arn.split(':')
  const rest = parts.slice(5).join(':')
  const cut = rest.search(/[/:]/)
  const prefix = cut < 0 ? '' : rest.slice(0, cut + 1)
  return `${parts.slice(0, 3).join(':')}:${region}:${account}:${prefix}*`
}

/**
 * Actions that open more than one row on the same resource type (`lambda:UpdateFunctionCode`
 * opens three): their answers are kept per context, so the later rows neither evaluate the
 * question again (M: 104 k evaluations, 38 k distinct) nor hold their own copy of its evidence.
 */
const SHARED_FIRST_ACTIONS: ReadonlySet<string> = new Set(
  ROWS.filter((row, i) => {
    const first = row.actions[0] as HijackAction
    return !first.instead && ROWS.some((other, j) => j !== i && other.resourceType === row.resourceType && other.actions[0]?.action === first.action && !other.actions[0]?.instead)
  }).map((row) => (row.actions[0] as HijackAction).action),
)

/**
 * Answers to shared first actions: action → principal → resource or pattern (with the mode) →
 * grant. Nested maps rather than shared.ts's string-keyed `memo`: no key string is built for each
 * of the 104 k questions on M, as the evaluator's own caches avoid.
 */
const sharedAnswers = perContext((_ctx: AwsTechniqueContext) => new Map<string, Map<string, Map<string, Grant | null>>>())

function allowedOnce(ctx: AwsTechniqueContext, principal: string, action: string, on: string, mode?: 'all'): Grant | null {
  const answers = sharedAnswers(ctx)
  let byPrincipal = answers.get(action)
  if (byPrincipal === undefined) answers.set(action, (byPrincipal = new Map()))
  let byResource = byPrincipal.get(principal)
  if (byResource === undefined) byPrincipal.set(principal, (byResource = new Map()))
  const key = mode === undefined ? on : `${mode} ${on}`
  let answer = byResource.get(key)
  if (answer === undefined) byResource.set(key, (answer = ctx.allowed(principal, action, on, undefined, mode)))
  return answer
}

/** Grants for every action of a row on `on` (the resource or the type pattern), or null. */
function grantsFor(ctx: AwsTechniqueContext, row: HijackRow, principal: string, res: AwsResource, on: string, mode?: 'all'): Grant[] | null {
  // Most questions fail on the first action: nothing is allocated until one succeeds.
  let grants: Grant[] | null = null
  for (let i = 0; i < row.actions.length; i++) {
    const a = row.actions[i] as HijackAction
    const g =
      i === 0 && !a.instead && SHARED_FIRST_ACTIONS.has(a.action)
        ? allowedOnce(ctx, principal, a.action, on, mode)
        : ctx.allowed(principal, a.action, a.instead ? fill(a.instead, res) : on, undefined, mode)
    if (!g) return null
    ;(grants ??= []).push(g)
    if (a.alsoOn) {
      const also = ctx.allowed(principal, a.action, fill(a.alsoOn, res), undefined, mode)
      if (!also) return null
      grants.push(also)
    }
  }
  return grants
}

/** Every existing-resource hijack technique (catalogue section E). */
export const RESOURCE_HIJACK_TECHNIQUES: readonly Technique<AwsTechniqueContext>[] = ROWS.map(makeHijackTechnique)
