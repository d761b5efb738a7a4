/**
 * @module loaders/aws/transform/identity-providers
 * Identity providers referenced by role trust policies. Authorization details
 * do not list OIDC/SAML providers, but every role that trusts one names its
 * ARN as a `Federated` principal, which is all the graph needs. Pure.
 */
import type { AwsIdentityProvider, AwsRole } from '../../../src/model/index.js'
import { accountOfArn } from '../../../src/model/index.js'

function federatedPrincipals(document: Readonly<Record<string, unknown>>): string[] {
  const statements = document['Statement']
  const list = Array.isArray(statements) ? statements : statements ? [statements] : []
  const out: string[] = []
  for (const statement of list) {
    const principal = (statement as Record<string, unknown> | null)?.['Principal']
    if (principal === null || typeof principal !== 'object') continue
    const federated = (principal as Record<string, unknown>)['Federated']
    for (const value of Array.isArray(federated) ? federated : [federated]) if (typeof value === 'string') out.push(value)
  }
  return out
}

/** Identity providers named in trust policies (`arn:aws:iam::<acct>:oidc-provider/<url>` or `saml-provider/<name>`). */
export function identityProvidersFromTrust(roles: readonly AwsRole[]): AwsIdentityProvider[] {
  const out = new Map<string, AwsIdentityProvider>()
  for (const role of roles) {
    for (const arn of federatedPrincipals(role.trustPolicy)) {
      const match = /^arn:aws[a-z-]*:iam::(\d{12}):(oidc|saml)-provider\/(.+)$/.exec(arn)
      if (!match || out.has(arn)) continue
      out.set(arn, {
        arn,
        accountId: accountOfArn(arn)!,
        type: match[2] as 'oidc' | 'saml',
        url: match[2] === 'oidc' ? match[3]! : null,
        clientIds: [],
      })
    }
  }
  return [...out.values()]
}
