/**
 * @module loaders/azure/transform/fic-expression
 * The expression language of flexible federated identity credentials
 * (`claimsMatchingExpression`, language version 1), read into claim tests.
 * Pure.
 *
 * What Microsoft documents, and all this reads: an expression is one or more
 * tests joined by ` and `; a test is a claim lookup `claims['<name>']`, an
 * operator (`eq` for equality, `matches` with `*` for any run and `?` for one
 * character), and a comparand in single quotes, separated by spaces.
 * Per issuer only some claims are allowed (GitHub `sub` and
 * `job_workflow_ref`; GitLab and Terraform Cloud `sub`), which Entra enforces
 * when the credential is written; the reader keeps whatever claim it finds.
 * A comparand cannot hold a single quote here (the documentation calls quotes
 * escape characters without saying how), so such an expression is reported
 * as not understood rather than guessed at.
 * https://learn.microsoft.com/entra/workload-id/workload-identities-flexible-federated-identity-credentials
 */
import type { AzClaimTest } from '../../../src/model/index.js'

/** The only language version Microsoft documents. */
const FIC_LANGUAGE_VERSION = 1

/** The claim tests of an expression, or why it could not be read. */
export type ParsedClaimsExpression = { readonly tests: AzClaimTest[] } | { readonly error: string }

const TEST = /^claims\['([A-Za-z0-9_.:-]+)'\]\s+([A-Za-z_]+)\s+'([^']*)'/
const AND = /^\s+and\s+/

/**
 * Read a claims-matching expression. `languageVersion` null (absent) is read
 * as version 1; any other version is not understood.
 */
export function parseClaimsMatchingExpression(expression: string, languageVersion: number | null): ParsedClaimsExpression {
  if (languageVersion !== null && languageVersion !== FIC_LANGUAGE_VERSION) {
    return { error: `language version ${languageVersion} is not understood (version ${FIC_LANGUAGE_VERSION} is the only one documented)` }
  }
  const text = expression.trim()
  if (text === '') return { error: 'the expression is empty' }
  const tests: AzClaimTest[] = []
  let rest = text
  for (;;) {
    const at = text.length - rest.length
    const test = TEST.exec(rest)
    if (!test) return { error: `expected \`claims['<name>'] <operator> '<value>'\` at character ${at + 1}` }
    const [whole, claim, operator, value] = test as unknown as [string, string, string, string]
    if (operator !== 'eq' && operator !== 'matches') return { error: `unknown operator \`${operator}\` at character ${at + whole.indexOf(operator) + 1}: expected \`eq\` or \`matches\`` }
    tests.push({ claim, operator, value })
    rest = rest.slice(whole.length)
    if (rest.trim() === '') return { tests }
    const and = AND.exec(rest)
    if (!and) return { error: `expected \` and \` or the end at character ${text.length - rest.length + 1}` }
    rest = rest.slice(and[0].length)
  }
}
