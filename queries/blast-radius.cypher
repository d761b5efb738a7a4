// Blast radius as a set: every node reachable from the sources within 12 hops (DEFAULT_BOUNDS.maxDepth)
// over accepted edges, with the fewest hops to it. The path engine's blastRadius ranks by cost and
// computes access levels in process (see src/paths/cypher-engine.ts); this query is the plain-Cypher
// form, which the parity test checks against the engine's reached set.
MATCH (s:CPNode {snapshot: $snapshot}) WHERE s.id IN $from
MATCH p = (s)-[r WHERE ($kinds IS NULL OR type(r) IN $kinds)
                     AND (NOT $excludeConditional OR r.conditional = false)]->{1,12}(n:CPNode)
WHERE NOT n.id IN $from
RETURN n.id AS id, n.kind AS kind, n.classification AS classification, min(length(p)) AS hops
ORDER BY hops, id
