/**
 * @module loaders/leaks
 * Leaked-credential findings from secret scanners (gitleaks JSON reports,
 * TruffleHog JSON lines) → `LeakFinding[]`: the credential id and where it was
 * found, never the secret. Imports only src/model.
 */
export { loadLeaks, LEAKS_LOADER_NAME, type LeakInputs } from './load.js'
export { findAwsKeyId, findAzureKeyId, AZURE_KEY_ID_FIELDS } from './transform/credential-ids.js'
export { transformGitleaks } from './transform/gitleaks.js'
export { transformTrufflehog } from './transform/trufflehog.js'
export { groupSightings } from './transform/group.js'
export { GitleaksReportInput, TrufflehogFindingInput } from './schemas.js'
export { loadLeaksFromArgs, type LeaksArgsContext } from './args.js'

