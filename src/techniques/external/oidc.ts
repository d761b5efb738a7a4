/**
 * @module techniques/external/oidc
 * Pure helpers shared by the AWS and Azure derivers for OIDC workload
 * identities: how risky a trusted subject pattern is (can someone outside
 * the organisation mint a matching token?), matching a concrete subject
 * against patterns, and the ExternalIdentity node both clouds link to.
 */
import type { GraphNode } from '../../model/index.js'
import { externalIdentityId, makeNode, normaliseIssuer } from '../../model/index.js'

/** How wide a subject pattern is, narrowest last. */
export type SubjectBreadth = 'any-subject' | 'any-owner' | 'owner-wide' | 'repository-wide' | 'narrow'

/** The verdict on one trusted (issuer, subject pattern) pair. */
export interface SubjectPatternRisk {
  /** True when a person outside the organisation can obtain a token that satisfies the trust. */
  readonly isOutsiderSatisfiable: boolean
  readonly breadth: SubjectBreadth
  /** One sentence for a person. */
  readonly reason: string
}

/** Issuers that mint tokens for anyone who signs up (multi-tenant SaaS CI). */
export const PUBLIC_ISSUERS: Readonly<Record<string, string>> = {
  'token.actions.githubusercontent.com': 'github',
  'gitlab.com': 'gitlab',
  'app.terraform.io': 'terraform-cloud',
}

/** Which known issuer family an issuer is (`github`, `gitlab`, `terraform-cloud`), or `generic`. */
export function issuerFamily(issuer: string): string {
  const host = normaliseIssuer(issuer)
  return PUBLIC_ISSUERS[host] ?? (host.startsWith('token.actions.githubusercontent.com/') ? 'github' : 'generic')
}

/** True when the string contains an IAM/StringLike wildcard. */
function hasWildcard(s: string): boolean {
  return s.includes('*') || s.includes('?')
}

/** True when a pattern is nothing but wildcards (matches every subject). */
function isAllWildcard(s: string): boolean {
  return /^[*?]*$/.test(s) && s.includes('*')
}

/**
 * Rate a trusted subject pattern. `subjectPattern` null or empty means the
 * trust has no subject condition at all.
 *
 * Rules (documented in the issue 8 catalogue, AZ-W01):
 * - Missing subject, or `*`: any subject of the issuer. For a public issuer
 *   (GitHub Actions, gitlab.com, Terraform Cloud) anyone can create an
 *   account and a repository, so an outsider satisfies it.
 * - GitHub `repo:<owner>/<repo>:<context>`: a wildcard in `<owner>`
 *   (`repo:*`, `repo:acme*` — anyone can register `acme-evil`) is outsider-
 *   satisfiable; `repo:acme/*` is organisation-wide (any repository, including
 *   ones any org member can create); `repo:acme/app:*` covers every branch,
 *   environment and pull request of that repository.
 * - GitLab `project_path:<group>/<project>:…` and Terraform Cloud
 *   `organization:<org>:project:…:workspace:…`: the same rule on the first
 *   segment (group / organisation).
 * - Any other issuer: only "any subject" is flagged, and not as outsider-
 *   satisfiable — a private issuer (an AKS cluster, a company IdP) only issues
 *   to its own workloads.
 * https://docs.github.com/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect
 * https://docs.gitlab.com/ci/secrets/id_token_authentication/
 * https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/workload-identity-tokens
 */
export function subjectPatternRisk(issuer: string, subjectPattern: string | null | undefined): SubjectPatternRisk {
  const family = issuerFamily(issuer)
  const isPublic = family !== 'generic'
  const pattern = subjectPattern?.trim() ?? ''
  if (pattern === '' || isAllWildcard(pattern)) {
    return {
      isOutsiderSatisfiable: isPublic,
      breadth: 'any-subject',
      reason: isPublic
        ? `no effective subject restriction on public issuer \`${normaliseIssuer(issuer)}\`: any of its users can mint a matching token`
        : `no effective subject restriction: every workload of issuer \`${normaliseIssuer(issuer)}\` matches`,
    }
  }
  const ownerSegment = (prefix: string): { owner: string; rest: string } | null => {
    if (!pattern.toLowerCase().startsWith(prefix)) return null
    const body = pattern.slice(prefix.length)
    const slash = body.indexOf('/')
    const colon = body.indexOf(':')
    const cut = slash >= 0 && (colon < 0 || slash < colon) ? slash : colon
    return cut < 0 ? { owner: body, rest: '' } : { owner: body.slice(0, cut), rest: body.slice(cut + 1) }
  }
  const rateOwner = (owner: string, rest: string, what: string): SubjectPatternRisk => {
    if (hasWildcard(owner) || owner === '') {
      return { isOutsiderSatisfiable: true, breadth: 'any-owner', reason: `the ${what} part \`${owner}\` is a wildcard: anyone can create a matching ${what} and mint a token` }
    }
    const project = rest.split(':')[0] ?? ''
    if (project === '' || hasWildcard(project)) {
      return { isOutsiderSatisfiable: false, breadth: 'owner-wide', reason: `any project of ${what} \`${owner}\` matches: every member who can create or push to one can mint a token` }
    }
    if (hasWildcard(rest)) {
      return { isOutsiderSatisfiable: false, breadth: 'repository-wide', reason: `any branch, environment or pull request of \`${owner}/${project}\` matches` }
    }
    return { isOutsiderSatisfiable: false, breadth: 'narrow', reason: `only \`${pattern}\` matches` }
  }
  if (family === 'github') {
    const seg = ownerSegment('repo:')
    if (seg) {
      const rated = rateOwner(seg.owner, seg.rest, 'organisation')
      if (!rated.isOutsiderSatisfiable && /:pull_request$/.test(pattern)) {
        return { ...rated, reason: `${rated.reason}; pull_request subjects are minted for pull requests, so whoever may open one in the repository can run the workflow` }
      }
      return rated
    }
  }
  if (family === 'gitlab') {
    const seg = ownerSegment('project_path:')
    if (seg) return rateOwner(seg.owner, seg.rest, 'group')
  }
  if (family === 'terraform-cloud') {
    const seg = ownerSegment('organization:')
    if (seg) {
      // organization:<org>:project:<p>:workspace:<w>:run_phase:<phase>
      const org = seg.owner
      if (hasWildcard(org) || org === '') return rateOwner(org, seg.rest, 'organisation')
      const workspace = /workspace:([^:]*)/.exec(pattern)?.[1] ?? ''
      if (workspace === '' || hasWildcard(workspace)) {
        return { isOutsiderSatisfiable: false, breadth: 'owner-wide', reason: `any workspace of organisation \`${org}\` matches` }
      }
      return { isOutsiderSatisfiable: false, breadth: hasWildcard(pattern) ? 'repository-wide' : 'narrow', reason: `workspace \`${workspace}\` of \`${org}\`` }
    }
  }
  // A custom claim layout (e.g. GitHub `repository_owner_id:…`) or a private issuer: wildcards
  // narrow nothing we can name, so say what we know without claiming outsider access.
  return {
    isOutsiderSatisfiable: false,
    breadth: hasWildcard(pattern) ? 'repository-wide' : 'narrow',
    reason: hasWildcard(pattern) ? `wildcard subject \`${pattern}\` of issuer \`${normaliseIssuer(issuer)}\`` : `only \`${pattern}\` matches`,
  }
}

const compiled = new Map<string, RegExp>()

/**
 * True when a concrete subject satisfies a pattern with StringLike semantics
 * (`*` any run, `?` one character, case-sensitive). An exact subject (an
 * Entra federated credential's `subject`) is a pattern without wildcards.
 */
export function subjectMatches(pattern: string, subject: string): boolean {
  let re = compiled.get(pattern)
  if (!re) {
    const body = [...pattern].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')
    re = new RegExp(`^${body}$`, 's')
    compiled.set(pattern, re)
  }
  return re.test(subject)
}

/** The patterns (of a list) that a concrete subject from `issuer` satisfies; issuers compare normalised. */
export function matchingPatterns(
  issuer: string,
  subject: string,
  trusts: readonly { readonly issuer: string; readonly subjectPattern: string | null }[],
): { readonly issuer: string; readonly subjectPattern: string | null }[] {
  const want = normaliseIssuer(issuer)
  return trusts.filter((t) => normaliseIssuer(t.issuer) === want && (t.subjectPattern === null || subjectMatches(t.subjectPattern, subject)))
}

/**
 * The ExternalIdentity node for an issuer + subject pattern, with the risk
 * verdict in its properties. Both clouds build it through this function so
 * the same pattern yields the same id and properties.
 */
export function makeExternalIdentityNode(issuer: string, subjectPattern: string | null): GraphNode {
  const subject = subjectPattern ?? '*'
  const risk = subjectPatternRisk(issuer, subjectPattern)
  return makeNode({
    id: externalIdentityId(issuer, subject),
    kind: 'ExternalIdentity',
    name: `${normaliseIssuer(issuer)} ${subject}`,
    properties: {
      issuer: normaliseIssuer(issuer),
      subject,
      issuerFamily: issuerFamily(issuer),
      isOutsiderSatisfiable: risk.isOutsiderSatisfiable,
      subjectBreadth: risk.breadth,
      risk: risk.reason,
    },
  })
}
