/**
 * @module loaders/aws/transform/values
 * Optional input values → `null` when absent or empty (optional = null, never `''`). Pure.
 */

/** `undefined`, `null` and `''` become `null`; anything else is kept. */
export function orNull<T>(value: T | '' | null | undefined): T | null {
  return value === undefined || value === null || value === '' ? null : value
}
