// Finds: how often each escalation technique appears (CanEscalateTo / CanControl / AdminTo edges with a
// technique id), to see which permissions to review first.
MATCH (:CPNode {snapshot: $snapshot})-[r]->()
WHERE r.technique IS NOT NULL
RETURN r.technique AS technique, type(r) AS kind, count(*) AS edges
ORDER BY edges DESC, technique
