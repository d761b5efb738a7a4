/**
 * @module aws/policy/conditions/string-not-like
 * The `StringNotLike` condition operator.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { stringGlob } from './operator.js'
import type { ConditionOperator } from './operator.js'

/** `StringNotLike`: negated case-sensitive wildcard match. */
export const stringNotLike = {
  name: 'StringNotLike',
  negated: true,
  glob: 'string',
  description: 'negated case-sensitive wildcard match',
  compile: stringGlob,
} as const satisfies ConditionOperator
