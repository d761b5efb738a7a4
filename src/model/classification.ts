/**
 * @module model/classification
 * Data classification of resources: from tags (configurable keys) or from a
 * classification config (id glob → tier). Unknown is `internal`.
 */
import picomatch from 'picomatch'
import type { Classification } from './kinds.js'
import { CLASSIFICATIONS } from './kinds.js'

/** Default tag keys, checked in order, case-insensitively. */
export const DEFAULT_CLASSIFICATION_TAG_KEYS = ['DataClassification', 'data-classification', 'Classification'] as const

/** One rule of a classification config: resources whose id matches `match` (a glob) get `classification`. */
export interface ClassificationRule {
  readonly match: string
  readonly classification: Classification
}

/** How resources are classified. Rules win over tags (they are the security team's word). */
export interface ClassificationConfig {
  readonly tagKeys: readonly string[]
  readonly rules: readonly ClassificationRule[]
}

/** The default: the three tag keys, no rules. */
export const DEFAULT_CLASSIFICATION_CONFIG: ClassificationConfig = { tagKeys: DEFAULT_CLASSIFICATION_TAG_KEYS, rules: [] }

/** Common synonyms teams put in tags, mapped onto the four tiers. */
const TIER_SYNONYMS: Readonly<Record<string, Classification>> = {
  public: 'public',
  internal: 'internal',
  private: 'internal',
  confidential: 'confidential',
  sensitive: 'confidential',
  restricted: 'restricted',
  secret: 'restricted',
  'highly-confidential': 'restricted',
  'highly confidential': 'restricted',
  pii: 'restricted',
}

/** Parse a tier from a tag value, or null when the value is not recognised. */
export function parseClassification(value: string): Classification | null {
  const normalised = value.trim().toLowerCase()
  if ((CLASSIFICATIONS as readonly string[]).includes(normalised)) return normalised as Classification
  return TIER_SYNONYMS[normalised] ?? null
}

/** A compiled classifier: resource id + tags → tier. */
export type Classifier = (id: string, tags: Readonly<Record<string, string>>) => Classification

/** Compile a config into a classifier. Globs match case-insensitively; `*` spans `/` and `:`. */
export function compileClassifier(config: ClassificationConfig = DEFAULT_CLASSIFICATION_CONFIG): Classifier {
  const rules = config.rules.map((rule) => ({
    test: picomatch(rule.match, { nocase: true, dot: true, bash: true }),
    classification: rule.classification,
  }))
  const tagKeys = config.tagKeys.map((k) => k.toLowerCase())
  return (id, tags) => {
    for (const rule of rules) if (rule.test(id)) return rule.classification
    // Runs once per resource (10⁵ on a large estate): no per-call map of lower-cased tags.
    for (const key of tagKeys) {
      const value = tagValueIgnoringCase(tags, key)
      const tier = value === undefined ? null : parseClassification(value)
      if (tier) return tier
    }
    return 'internal'
  }
}

/** The value of the tag named `lowerKey` in any case; when several spellings are present, the last one. */
function tagValueIgnoringCase(tags: Readonly<Record<string, string>>, lowerKey: string): string | undefined {
  let value: string | undefined
  for (const name in tags) {
    if (name.toLowerCase() === lowerKey) value = tags[name]
  }
  return value
}
