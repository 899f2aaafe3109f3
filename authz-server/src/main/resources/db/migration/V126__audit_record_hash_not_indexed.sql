-- The record hash is not looked up on any request path, and its unique index (random 64-character keys) made every
-- audit commit rewrite a random index page: about 30 % of an append's CPU on the durable H2 file
-- (AuditAppendThroughput h2file). Tamper evidence comes from the hash chain and the signed checkpoints, not from this
-- constraint; the chain verifier looks a hash up only where the chain is broken
-- (ChainVerifier.positionAfter, one scan, after the walk that already read every record).
ALTER TABLE audit_record DROP CONSTRAINT uq_audit_record_hash;
