/**
 * @module aws/policy/conditions/string-like
 * The `StringLike` condition operator.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { stringGlob } from './operator.js'
import type { ConditionOperator } from './operator.js'

/** `StringLike`: case-sensitive match with `*` and `?` wildcards. */
export const stringLike = {
  name: 'StringLike',
  negated: false,
  glob: 'string',
  description: 'case-sensitive match with `*` and `?` wildcards',
  compile: stringGlob,
} as const satisfies ConditionOperator
