/**
 * @module loaders/aws/transform/tags
 * AWS tag lists (`[{Key, Value}]`) → a plain record. Pure.
 */

/** Convert a tag list to a record; later duplicates win, as AWS forbids duplicates anyway. */
export function tagsToRecord(tags: readonly { readonly Key: string; readonly Value: string }[] | undefined | null): Record<string, string> {
  const out: Record<string, string> = {}
  for (const tag of tags ?? []) out[tag.Key] = tag.Value
  return out
}
