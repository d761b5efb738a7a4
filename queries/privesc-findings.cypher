// Privilege escalation as a set: every principal that is not tier zero but reaches a tier-zero node
// within 12 hops over accepted edges, with the fewest hops to tier zero. ($principalKinds from
// the kinds table.) The engine's privesc ranks chains by cost in process; the parity test checks
// that both find the same principals.
MATCH (a:CPNode {snapshot: $snapshot})
WHERE a.kind IN $principalKinds AND a.isTierZero = false
MATCH p = SHORTEST 1 (a)-[r WHERE ($kinds IS NULL OR type(r) IN $kinds)
                                  AND (NOT $excludeConditional OR r.conditional = false)]->{1,12}(t:CPNode)
WHERE t.isTierZero = true
WITH a, min(length(p)) AS hops
RETURN a.id AS principal, hops
ORDER BY principal
