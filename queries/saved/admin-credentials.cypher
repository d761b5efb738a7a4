// Finds: active access keys and console logins that sign in as a tier-zero principal: each is a
// credential whose leak is an account takeover. Candidates for rotation, MFA enforcement or removal.
MATCH (c:CPNode {snapshot: $snapshot})-[:AuthenticatesAs]->(p:CPNode {isTierZero: true})
WHERE c.kind IN ['AWSAccessKey', 'AWSConsoleLogin', 'AZCredential']
RETURN c.id AS credential, c.kind AS kind, p.id AS admin, c.isExposed AS exposed
ORDER BY exposed DESC, admin, credential
