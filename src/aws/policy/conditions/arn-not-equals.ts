/**
 * @module aws/policy/conditions/arn-not-equals
 * The `ArnNotEquals` condition operator.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { arnGlob } from './operator.js'
import type { ConditionOperator } from './operator.js'

/** `ArnNotEquals`: negated ARN match. */
export const arnNotEquals = {
  name: 'ArnNotEquals',
  negated: true,
  glob: 'arn',
  description: 'negated ARN match',
  compile: arnGlob,
} as const satisfies ConditionOperator
