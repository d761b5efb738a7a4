/**
 * @module graph/memory/snapshot-id
 * Snapshot ids (`snap-<yyyymmddThhmmssmmmZ>-<4 hex>`) and reference matching
 * (`latest`, exact id, unique prefix), shared by every store implementation.
 */
import { randomBytes } from 'node:crypto'
import type { SnapshotMeta } from '../store.js'
import { CrownpathError } from '../../model/index.js'

/** The pattern every snapshot id matches. */
export const SNAPSHOT_ID_PATTERN = /^snap-\d{8}T\d{9}Z-[0-9a-f]{4}$/

/** The reference that names the newest snapshot. */
export const LATEST_REF = 'latest'

/** Format a time as `yyyymmddThhmmssmmmZ` (UTC), the sortable middle of an id. */
export function formatSnapshotTime(date: Date): string {
  const iso = date.toISOString() // 2026-11-27T19:44:17.123Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}${iso.slice(20, 23)}Z`
}

/** A fresh snapshot id for `date`; the 4 hex digits keep ids unique within one millisecond. */
export function makeSnapshotId(date: Date): string {
  return `snap-${formatSnapshotTime(date)}-${randomBytes(2).toString('hex')}`
}

/**
 * Resolve `ref` against `snapshots` (newest first): `latest`, an exact id, or
 * a unique prefix of an id (the `snap-` part may be left out).
 * Throws CP_ERR_SNAPSHOT_NONE, CP_ERR_SNAPSHOT_NOT_FOUND or CP_ERR_SNAPSHOT_AMBIGUOUS.
 */
export function matchSnapshotRef(snapshots: readonly SnapshotMeta[], ref: string): SnapshotMeta {
  const wanted = ref.trim()
  if (wanted === LATEST_REF) {
    const newest = snapshots[0]
    if (!newest) throw new CrownpathError('CP_ERR_SNAPSHOT_NONE')
    return newest
  }
  if (wanted === '') throw new CrownpathError('CP_ERR_SNAPSHOT_NOT_FOUND', { ref })
  const exact = snapshots.find((s) => s.id === wanted)
  if (exact) return exact
  const prefix = wanted.startsWith('snap-') ? wanted : `snap-${wanted}`
  const matches = snapshots.filter((s) => s.id.startsWith(prefix))
  if (matches.length === 1) return matches[0] as SnapshotMeta
  if (matches.length > 1) throw new CrownpathError('CP_ERR_SNAPSHOT_AMBIGUOUS', { ref, count: matches.length })
  throw new CrownpathError('CP_ERR_SNAPSHOT_NOT_FOUND', { ref })
}
