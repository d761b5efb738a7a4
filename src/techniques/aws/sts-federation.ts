/**
 * @module techniques/aws/sts-federation
 * Federated role assumption: roles whose trust admits an OIDC provider
 * (sts:AssumeRoleWithWebIdentity, e.g. GitHub Actions) or a SAML provider
 * (sts:AssumeRoleWithSAML). The trust document is read here because the
 * caller is not an IAM principal the evaluator knows: the OIDC subject
 * patterns become ExternalIdentity nodes.
 */
import type { AwsRole, ConditionRef, EdgeInput } from '../../model/index.js'
import { awsAccountId, externalIdentityId, normaliseIssuer } from '../../model/index.js'
import type { Technique } from '../technique.js'
import type { AwsTechniqueContext } from './context.js'
import { actionMatches, conditionsOf } from './context.js'
import { memo } from './shared.js'

/** One federated way into a role, read from its trust policy. */
export interface FederatedTrust {
  readonly role: AwsRole
  readonly kind: 'oidc' | 'saml'
  /** The Federated principal as written (provider ARN, or a bare issuer such as `cognito-identity.amazonaws.com`). */
  readonly provider: string
  /** OIDC: issuer without scheme; SAML: null. */
  readonly issuer: string | null
  /** OIDC: the subject pattern (`*` when the trust does not constrain it); SAML: null. */
  readonly subject: string | null
  /** The node the edge starts from: ExternalIdentity (OIDC) or the AWSIdentityProvider (SAML). */
  readonly source: string
  readonly statement: number
  readonly sid: string | null
  /** Conditions other than subject and audience: they make the edge conditional. */
  readonly conditions: readonly ConditionRef[]
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value : [value]
}

/** The issuer of an OIDC provider ARN (`arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com`). */
function issuerOf(provider: string): string {
  const i = provider.indexOf(':oidc-provider/')
  return normaliseIssuer(i >= 0 ? provider.slice(i + ':oidc-provider/'.length) : provider)
}

/** Read every federated trust statement of every role (memoised per context). */
export function federatedTrusts(ctx: AwsTechniqueContext): readonly FederatedTrust[] {
  return memo(ctx, 'federated-trusts', () => {
    const out: FederatedTrust[] = []
    for (const role of ctx.inventory.roles) {
      const policy = `${role.arn}#trust`
      const statements = asArray((role.trustPolicy as { Statement?: unknown }).Statement)
      // An unconditional Deny of the federated actions for everyone closes the door.
      const isDenied = (action: string): boolean =>
        statements.some((raw) => {
          const st = raw as Record<string, unknown>
          return st?.Effect === 'Deny' && st.Condition === undefined && asArray(st.Action).some((a) => actionMatches(String(a), action))
        })
      statements.forEach((raw, index) => {
        if (raw === null || typeof raw !== 'object') return
        const st = raw as Record<string, unknown>
        if (st.Effect !== 'Allow') return
        const principal = st.Principal
        if (!principal || typeof principal !== 'object') return
        const federated = asArray((principal as Record<string, unknown>).Federated).map(String)
        const actions = asArray(st.Action).map(String)
        const conditions = conditionsOf(st.Condition, policy, index)
        const sid = typeof st.Sid === 'string' ? st.Sid : null
        for (const provider of federated) {
          const isSaml = provider.includes(':saml-provider/')
          if (isSaml) {
            if (!actions.some((a) => actionMatches(a, 'sts:AssumeRoleWithSAML')) || isDenied('sts:AssumeRoleWithSAML')) continue
            const rest = conditions.filter((c) => !/^saml:aud$/i.test(c.key))
            out.push({ role, kind: 'saml', provider, issuer: null, subject: null, source: provider, statement: index, sid, conditions: rest })
            continue
          }
          if (!actions.some((a) => actionMatches(a, 'sts:AssumeRoleWithWebIdentity')) || isDenied('sts:AssumeRoleWithWebIdentity')) continue
          const issuer = issuerOf(provider)
          const subKey = `${issuer}:sub`.toLowerCase()
          const audKey = `${issuer}:aud`.toLowerCase()
          const subjects = conditions.filter((c) => c.key.toLowerCase() === subKey && /^(StringEquals|StringLike|ForAnyValue:StringLike|ForAnyValue:StringEquals)(IfExists)?$/i.test(c.operator))
          const rest = conditions.filter((c) => c.key.toLowerCase() !== subKey && c.key.toLowerCase() !== audKey)
          const patterns = subjects.length > 0 ? subjects.flatMap((c) => c.values) : ['*']
          for (const subject of patterns) {
            out.push({ role, kind: 'oidc', provider, issuer, subject, source: externalIdentityId(issuer, subject), statement: index, sid, conditions: rest })
          }
        }
      })
    }
    return out
  })
}

function federationTechnique(kind: 'oidc' | 'saml'): Technique<AwsTechniqueContext> {
  const isOidc = kind === 'oidc'
  const id = isOidc ? 'aws/sts-federation/assume-role-with-web-identity' : 'aws/sts-federation/assume-role-with-saml'
  return {
    id,
    provider: 'aws',
    edgeKind: 'CanAssume',
    title: isOidc ? 'Assume a role with an OIDC token (web identity)' : 'Assume a role with a SAML assertion',
    gain: 'assume',
    requires: [{ action: isOidc ? 'sts:AssumeRoleWithWebIdentity' : 'sts:AssumeRoleWithSAML', on: 'target role trust (Federated principal)' }],
    cost: 1,
    seeAlso: isOidc ? { pathfindingLabs: 'cross-account/ops-to-prod/one-hop/github-oidc-cross-account-pivot' } : {},
    text: {
      general: isOidc
        ? "The role trusts an OIDC provider. Whoever can obtain a token from that issuer whose `sub` matches the trust's condition (a GitHub repository and branch, a Kubernetes service account) becomes the role; no AWS credential is needed. A trust with no `sub` condition admits every subject of the issuer."
        : 'The role trusts a SAML identity provider: whoever controls that IdP (or an account in it mapped to the role) becomes the role.',
      abuse: isOidc
        ? 'From a workflow in the trusted repository: aws-actions/configure-aws-credentials with role-to-assume=<role>; or aws sts assume-role-with-web-identity --role-arn <role> --web-identity-token <jwt>'
        : 'aws sts assume-role-with-saml --role-arn <role> --principal-arn <provider> --saml-assertion <base64>',
      opsec: 'Logged as AssumeRoleWithWebIdentity / AssumeRoleWithSAML in CloudTrail with the token subject.',
      remediation: isOidc
        ? 'Pin `token.actions.githubusercontent.com:sub` to an exact repository and protected ref or environment (StringEquals, no wildcards) and check `:aud`.'
        : 'Restrict the SAML provider to the roles it must map to and protect the IdP administrators.',
      references: isOidc
        ? ['https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html']
        : ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_saml.html'],
    },
    *detect(ctx): Iterable<EdgeInput> {
      for (const trust of federatedTrusts(ctx)) {
        if (trust.kind !== kind) continue
        yield {
          from: trust.source,
          to: trust.role.arn,
          kind: 'CanAssume',
          technique: id,
          evidence: [
            {
              type: 'trust-policy',
              policy: `${trust.role.arn}#trust`,
              policyName: trust.role.name,
              statement: trust.statement,
              sid: trust.sid,
              action: isOidc ? 'sts:AssumeRoleWithWebIdentity' : 'sts:AssumeRoleWithSAML',
              resource: trust.role.arn,
              note: isOidc ? `trusts ${trust.issuer} subject \`${trust.subject}\`` : `trusts SAML provider ${trust.provider}`,
            },
          ],
          conditions: trust.conditions,
          cost: 1,
        }
      }
    },
  }
}

/** Web-identity (OIDC) and SAML federation. */
export const STS_FEDERATION_TECHNIQUES: readonly Technique<AwsTechniqueContext>[] = [federationTechnique('oidc'), federationTechnique('saml')]

/** The account a federated provider lives in (for containment), or null for a bare issuer. */
export function providerAccountNode(provider: string): string | null {
  const m = /^arn:aws[\w-]*:iam::(\d{12}):/.exec(provider)
  return m ? awsAccountId(m[1] as string) : null
}
