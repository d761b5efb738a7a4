// Hide a snapshot before its data is deleted (reads stop seeing it at once).
MATCH (s:CPSnapshot {id: $id})
SET s.complete = false, s.deleting = true
RETURN s.id AS id
