/**
 * @module aws/policy/conditions/not-ip-address
 * The `NotIpAddress` condition operator.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { cidrTest } from './operator.js'
import type { ConditionOperator } from './operator.js'

/** `NotIpAddress`: source address outside the CIDR. */
export const notIpAddress = {
  name: 'NotIpAddress',
  negated: true,
  glob: null,
  description: 'source address outside the CIDR',
  compile: cidrTest,
} as const satisfies ConditionOperator
