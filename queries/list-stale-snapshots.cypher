// Snapshots that never completed (a writer died) or were being deleted, started before $before.
MATCH (s:CPSnapshot)
WHERE s.complete = false AND (s.deleting = true OR s.startedAt < $before)
RETURN s.id AS id
