// Is any target reachable from any source over accepted edges? Neo4j 5 `SHORTEST 1` over a quantified
// path pattern: the path with the fewest HOPS, not the cheapest one (Cypher SHORTEST counts hops and
// ignores edge costs). The path engine uses it as a cheap pre-check: no path here means no path at all,
// so it answers `[]` without fetching a subgraph; when a path exists it ranks by cost in process.
// The hop bound is a literal (Cypher does not take a parameter there): 32 = DEFAULT_BOUNDS.maxMaxDepth.
MATCH (s:CPNode {snapshot: $snapshot}) WHERE s.id IN $from
MATCH (t:CPNode {snapshot: $snapshot}) WHERE t.id IN $to
MATCH p = SHORTEST 1 (s)-[r WHERE ($kinds IS NULL OR type(r) IN $kinds)
                                  AND (NOT $excludeConditional OR r.conditional = false)]->{1,32}(t)
RETURN [x IN nodes(p) | x.id] AS nodes, reduce(c = 0, e IN relationships(p) | c + e.cost) AS cost, length(p) AS hops
LIMIT 1
