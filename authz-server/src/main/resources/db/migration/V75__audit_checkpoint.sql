-- Signed checkpoints of the audit chain head (care.concord.server.audit.AuditCheckpoints), kept apart from
-- audit_record and audit_chain_head: a hash chain alone cannot show a lost tail (the head row goes with it). Each
-- row says "the chain once reached record #seq, whose hash was record_hash", signed with the server's token
-- signing key (token: a compact JWS anyone can check against the published JWKS). The verifier reports a chain
-- that ends before the newest checkpoint, and the audit writer never gives out a sequence number at or below it.
-- Append-only, like audit_record.
CREATE TABLE audit_checkpoint (
    seq bigint NOT NULL,
    record_hash varchar(64) NOT NULL,
    signed_at timestamp with time zone NOT NULL,
    token varchar(4000) NOT NULL,
    PRIMARY KEY (seq)
);
