/**
 * @module aws/policy/context
 * The request context the evaluator can know offline. Keys are looked up
 * case-insensitively, in this order: the caller's `context`, the caller's
 * `absentKeys`, facts derived from the principal, facts derived from the
 * resource; anything else is unknown (never guessed).
 *
 * Derived keys (documented choice):
 * - principal: aws:PrincipalArn (the role ARN for a role session), aws:PrincipalAccount,
 *   aws:username (users; absent for roles), aws:userid (user id; `roleId:session` when
 *   the session name is known, else unknown), aws:PrincipalType, aws:PrincipalTag/* (the
 *   user's or role's tags; session tags are not modelled), aws:PrincipalOrgID and
 *   aws:PrincipalOrgPaths (when the organisation is known), aws:PrincipalIsAWSService.
 * - call path: the attacker calls the API directly, so aws:ViaAWSService = false and
 *   aws:CalledVia* are absent unless the caller says otherwise.
 * - resource: aws:ResourceAccount, aws:ResourceOrgID/OrgPaths, aws:ResourceTag/* and
 *   iam:ResourceTag/* when the resource is in the inventory.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
import type { KeyLookup } from './variables.js'

/** Known values of context keys: a list of values, or `absent`. Keys lower-cased. */
export type KnownKeys = ReadonlyMap<string, readonly string[] | 'absent'>

/** Tag values by lower-cased tag key. */
export interface TagLookup {
  get(keyLower: string): string | undefined
}

/**
 * Tags for case-insensitive `.../TagKey` lookups. The lower-cased map is built
 * on the first lookup: only conditions on tags ask, and the evaluator keeps an
 * entry per principal and per resource it meets (M: 55 k resource entries,
 * each of which built its map, though almost none was ever asked).
 */
export function lowerTagMap(tags: Readonly<Record<string, string>> | null): TagLookup | null {
  return tags === null ? null : new LowerCasedTags(tags)
}

class LowerCasedTags implements TagLookup {
  readonly #tags: Readonly<Record<string, string>>
  #byLowerKey: Map<string, string> | null = null

  constructor(tags: Readonly<Record<string, string>>) {
    this.#tags = tags
  }

  get(keyLower: string): string | undefined {
    if (this.#byLowerKey === null) {
      this.#byLowerKey = new Map()
      for (const [key, value] of Object.entries(this.#tags)) this.#byLowerKey.set(key.toLowerCase(), value)
    }
    return this.#byLowerKey.get(keyLower)
  }
}

/** Facts about the caller or the resource, precomputed once. */
export interface KnownFacts {
  readonly keys: KnownKeys
  /** Tags by lower-cased key; null when unknown. */
  readonly tags: TagLookup | null
}

/** Normalise the caller-supplied context to lower-cased keys. */
export function normaliseRequestContext(
  context: Readonly<Record<string, string | readonly string[]>> | undefined,
  absentKeys: readonly string[] | undefined,
): KnownKeys | null {
  if ((context === undefined || Object.keys(context).length === 0) && (absentKeys === undefined || absentKeys.length === 0)) return null
  const out = new Map<string, readonly string[] | 'absent'>()
  for (const key of absentKeys ?? []) out.set(key.toLowerCase(), 'absent')
  for (const [key, value] of Object.entries(context ?? {})) out.set(key.toLowerCase(), typeof value === 'string' ? [value] : value)
  return out
}

const PRINCIPAL_TAG = 'aws:principaltag/'
const RESOURCE_TAGS = ['aws:resourcetag/', 'iam:resourcetag/'] as const

/** Build the lookup for one request. */
export function makeKeyLookup(request: KnownKeys | null, principal: KnownFacts, resource: KnownFacts): KeyLookup {
  return (key) => {
    if (request !== null) {
      const given = request.get(key)
      if (given !== undefined) return given
    }
    const fromPrincipal = principal.keys.get(key)
    if (fromPrincipal !== undefined) return fromPrincipal
    const fromResource = resource.keys.get(key)
    if (fromResource !== undefined) return fromResource
    if (key.startsWith(PRINCIPAL_TAG)) {
      if (principal.tags === null) return 'unknown'
      const value = principal.tags.get(key.slice(PRINCIPAL_TAG.length))
      return value === undefined ? 'absent' : [value]
    }
    for (const prefix of RESOURCE_TAGS) {
      if (key.startsWith(prefix)) {
        if (resource.tags === null) return 'unknown'
        const value = resource.tags.get(key.slice(prefix.length))
        return value === undefined ? 'absent' : [value]
      }
    }
    return 'unknown'
  }
}

/** Facts that say nothing. */
export const NO_FACTS: KnownFacts = { keys: new Map(), tags: null }
