// Delete the snapshot node itself, once its nodes and chunks are gone.
MATCH (s:CPSnapshot {id: $id})
DELETE s
RETURN count(*) AS deleted
