/**
 * @module techniques/azure/federated-credential
 * An external OIDC identity (issuer + subject) satisfies an app's federated
 * identity credential and so signs in as the app.
 */
import type { AzCredential, ConditionRef } from '../../model/index.js'
import { externalIdentityId, hasUnreadableClaims, normaliseIssuer, subjectTestOf } from '../../model/index.js'
import { subjectPatternRisk } from '../external/index.js'
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { objectNode } from './context.js'
import { techniqueEdge } from './shared.js'

/**
 * The claim tests of a flexible credential beyond the one that names the
 * subject (`job_workflow_ref`, a second `sub` test): the token must also
 * pass them, which the graph cannot check, so they make the edge conditional.
 * Keys read `<issuer>:<claim>`, as the same claims read in an AWS trust policy.
 */
function claimConditions(cred: AzCredential, issuer: string): ConditionRef[] {
  const tests = cred.claimsMatching?.tests ?? []
  const subjectTest = subjectTestOf(tests)
  return tests
    .filter((t) => t !== subjectTest)
    .map((t) => ({ operator: t.operator, key: `${normaliseIssuer(issuer)}:${t.claim}`, values: [t.value], policy: cred.id.toLowerCase() }))
}

/** AZ-W01: ExternalIdentity → federated credential (→ app → SP). */
export const federatedCredential: Technique<AzureTechniqueContext> = {
  id: 'azure/federated-credential',
  provider: 'azure',
  edgeKind: 'AuthenticatesAs',
  title: 'Workload identity federation: an external token signs in as the app',
  gain: 'assume',
  requires: [{ action: 'token from the credential\'s issuer whose subject equals the credential\'s subject (audience api://AzureADTokenExchange)', on: 'federated identity credential' }],
  cost: 1,
  seeAlso: { bloodhound: 'AZAuthenticatesTo' },
  text: {
    general: 'A federated identity credential trusts tokens from an external issuer (GitHub Actions, GitLab, Terraform Cloud, a Kubernetes cluster) with a given subject. Whoever can make that issuer mint such a token — push to the branch, open a pull request, run in the namespace — signs in as the application without any secret. A flexible credential states a claims-matching expression instead (`claims[\'sub\'] matches \'repo:org/*\'`, `eq`, `and`): its `sub` test becomes the subject pattern (wildcards kept) and any other test (`job_workflow_ref`) a condition on the edge. crownpath rates the subject: a wildcard owner or a missing subject is satisfiable by outsiders.',
    abuse: 'In a workflow of the trusted repository: azure/login with client-id and tenant-id, no secret.',
    opsec: 'The sign-in is logged as a service principal sign-in with the federated credential.',
    remediation: 'Pin subjects to protected branches or environments; avoid pull_request subjects; review FICs on privileged apps.',
    references: [
      'https://learn.microsoft.com/entra/workload-id/workload-identity-federation',
      'https://learn.microsoft.com/entra/workload-id/workload-identities-flexible-federated-identity-credentials',
      'https://docs.github.com/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-azure',
    ],
  },
  *detect(ctx) {
    const owners = [...ctx.inventory.apps.map((a) => ({ owner: a, kind: 'app' })), ...ctx.inventory.servicePrincipals.map((s) => ({ owner: s, kind: 'service principal' }))]
    for (const { owner, kind } of owners) {
      for (const cred of owner.credentials) {
        if (cred.type !== 'federated' || !cred.issuer) continue
        if (hasUnreadableClaims(cred)) continue
        const risk = subjectPatternRisk(cred.issuer, cred.subject)
        const flexible = cred.claimsMatching ? ` (flexible: \`${cred.claimsMatching.expression}\`)` : ''
        yield techniqueEdge(
          federatedCredential,
          externalIdentityId(cred.issuer, cred.subject ?? '*'),
          objectNode(cred.id),
          [{ type: 'federated-credential', policy: cred.id.toLowerCase(), policyName: cred.displayName, action: cred.subject ?? '*', resource: cred.issuer, note: `federated credential of ${kind} ${owner.displayName}${flexible}: ${risk.reason}` }],
          claimConditions(cred, cred.issuer),
        )
      }
    }
  },
}
