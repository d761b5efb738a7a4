// One breadth-first level outwards: the accepted edges leaving the frontier. The path engine walks
// level by level, then runs the same cost-ordered algorithms as the memory engine on what it fetched
// (see src/paths/cypher-engine.ts for why costs are not ranked in Cypher).
UNWIND $frontier AS fid
MATCH (a:CPNode {snapshot: $snapshot, id: fid})-[r]->(b:CPNode)
WHERE ($kinds IS NULL OR type(r) IN $kinds)
  AND (NOT $excludeConditional OR r.conditional = false)
RETURN a.id AS from, b.id AS to, type(r) AS kind, r {.*} AS r
