/**
 * @module loaders/leaks/transform/group
 * Sightings → one `LeakFinding` per credential with every distinct location. Pure.
 */
import type { LeakFinding, LeakLocation } from '../../../src/model/index.js'
import type { Sighting } from './gitleaks.js'

/** Group sightings by provider and credential id, keeping each location once, in input order. */
export function groupSightings(sightings: readonly Sighting[]): LeakFinding[] {
  const groups = new Map<string, { provider: 'aws' | 'azure'; credentialId: string; locations: LeakLocation[]; seen: Set<string> }>()
  for (const s of sightings) {
    const key = `${s.provider}:${s.credentialId}`
    let group = groups.get(key)
    if (!group) groups.set(key, (group = { provider: s.provider, credentialId: s.credentialId, locations: [], seen: new Set() }))
    const locationKey = JSON.stringify(s.location)
    if (group.seen.has(locationKey)) continue
    group.seen.add(locationKey)
    group.locations.push(s.location)
  }
  return [...groups.values()].map(({ provider, credentialId, locations }) => ({ credentialId, provider, locations }))
}
