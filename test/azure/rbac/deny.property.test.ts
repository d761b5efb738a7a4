/** Property (STYLE.md R7): adding a deny assignment never turns a request into `allowed`. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AZ_ROLE_IDS, createRbacEvaluator } from '../../../src/azure/rbac/index.js'
import { azGroup, azureInventory, denyAssignment, roleAssignment } from '../../helpers/azure-builders.js'

const SUB = '/subscriptions/s1'
const SCOPES = [SUB, `${SUB}/resourceGroups/a`, `${SUB}/resourceGroups/b`, `${SUB}/resourceGroups/a/providers/Microsoft.Compute/virtualMachines/v`]
const ROLES = [AZ_ROLE_IDS.owner, AZ_ROLE_IDS.contributor, AZ_ROLE_IDS.reader, AZ_ROLE_IDS.virtualMachineContributor, AZ_ROLE_IDS.userAccessAdministrator]
const PRINCIPALS = ['u1', 'u2', 'g1', '00000000-0000-0000-0000-000000000000']
const ACTIONS = ['Microsoft.Compute/virtualMachines/runCommand/action', 'Microsoft.Authorization/roleAssignments/write', 'Microsoft.Compute/virtualMachines/read', 'Microsoft.KeyVault/vaults/write']

const assignment = fc.record({ p: fc.constantFrom('u1', 'u2', 'g1'), role: fc.constantFrom(...ROLES), scope: fc.constantFrom(...SCOPES) })
const deny = fc.record({
  scope: fc.constantFrom(...SCOPES),
  actions: fc.subarray(['Microsoft.Compute/*', 'Microsoft.Authorization/*', '*/read', '*'], { minLength: 1 }),
  principals: fc.subarray(PRINCIPALS, { minLength: 1 }),
  exclude: fc.subarray(['u1', 'u2', 'g1']),
  childStop: fc.boolean(),
})

describe('deny assignments are subtractive', () => {
  it('never turn a decision into allowed, for any principal, action and scope', () => {
    fc.assert(
      fc.property(fc.array(assignment, { maxLength: 5 }), deny, (assignments, d) => {
        const base = {
          groups: [azGroup({ id: 'g1', members: ['u1'] })],
          roleAssignments: assignments.map((a, i) => roleAssignment({ id: `ra-${i}`, principalId: a.p, roleDefinitionId: a.role, scope: a.scope })),
        }
        const without = createRbacEvaluator(azureInventory(base))
        const withDeny = createRbacEvaluator(
          azureInventory({
            ...base,
            denyAssignments: [denyAssignment({ id: 'd', scope: d.scope, permissions: [{ actions: d.actions, notActions: [], dataActions: [], notDataActions: [] }], principals: d.principals, excludePrincipals: d.exclude, doNotApplyToChildScopes: d.childStop })],
          }),
        )
        for (const principalId of ['u1', 'u2']) {
          for (const action of ACTIONS) {
            for (const scope of SCOPES) {
              const after = withDeny.evaluate({ principalId, action, scope })
              if (after.decision === 'allowed') expect(without.evaluate({ principalId, action, scope }).decision).toBe('allowed')
            }
          }
        }
      }),
      { numRuns: 150, seed: 8 },
    )
  })
})
