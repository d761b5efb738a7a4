// Finds: external OIDC identities (CI repositories and other workload identity issuers) that can act in
// AWS or Azure — the roles they assume and the Entra federated credentials they satisfy — the cross-cloud
// entry points of a supply-chain compromise.
MATCH (x:CPNode:ExternalIdentity {snapshot: $snapshot})-[r]->(t:CPNode)
RETURN x.id AS identity, type(r) AS kind, t.id AS target, t.kind AS targetKind, r.conditional AS conditional
ORDER BY identity, target
