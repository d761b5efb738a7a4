// Complete snapshots, newest first (creation time, then write order).
MATCH (s:CPSnapshot)
WHERE s.complete = true
RETURN s.meta AS meta
ORDER BY s.createdAt DESC, s.seq DESC
