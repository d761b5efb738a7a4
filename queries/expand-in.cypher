// One breadth-first level inwards: the accepted edges entering the frontier (who-can, privesc).
UNWIND $frontier AS fid
MATCH (a:CPNode)-[r]->(b:CPNode {snapshot: $snapshot, id: fid})
WHERE ($kinds IS NULL OR type(r) IN $kinds)
  AND (NOT $excludeConditional OR r.conditional = false)
RETURN a.id AS from, b.id AS to, type(r) AS kind, r {.*} AS r
