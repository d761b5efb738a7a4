// Publish a snapshot: from here on reads see it. Only a snapshot still being written can be published.
MATCH (s:CPSnapshot {id: $id})
WHERE s.complete = false
SET s.complete = true, s.meta = $meta
RETURN s.id AS id
