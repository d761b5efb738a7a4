// Inbound: principals, credentials and identity sources that reach any target within 12 hops over
// accepted edges, with the fewest hops. ($actorKinds = the node kinds whose role is principal,
// credential or identity-source, passed from the kinds table.) The engine's whoCan adds access levels
// and cheapest paths in process; the parity test checks this set against it.
MATCH (t:CPNode {snapshot: $snapshot}) WHERE t.id IN $to
MATCH p = (a:CPNode)-[r WHERE ($kinds IS NULL OR type(r) IN $kinds)
                            AND (NOT $excludeConditional OR r.conditional = false)]->{1,12}(t)
WHERE a.kind IN $actorKinds AND NOT a.id IN $to
RETURN a.id AS id, a.kind AS kind, min(length(p)) AS hops
ORDER BY hops, id
