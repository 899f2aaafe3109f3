-- Tamper-evident audit log (care.concord.server.audit). Append-only: the application only ever INSERTs into
-- audit_record; production deployments should grant the application role INSERT and SELECT on it, nothing else.
--
-- audit_chain_head is a single row holding the sequence number and hash of the newest record. Every append locks
-- it (SELECT ... FOR UPDATE) inside its transaction, so appends from every thread and every node sharing this
-- database form one linear chain, and the verifier can tell a truncated tail from an empty log.
CREATE TABLE audit_chain_head (
    id smallint NOT NULL,
    last_seq bigint NOT NULL,
    last_hash varchar(64) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT ck_audit_chain_head_single_row CHECK (id = 1)
);
INSERT INTO audit_chain_head (id, last_seq, last_hash)
    VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_record (
    seq bigint NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    event_type varchar(40) NOT NULL,
    actor_agency varchar(64),
    actor_client_id varchar(255),
    actor_username varchar(255),
    on_behalf_of varchar(255),
    subject_nhs_number varchar(10),
    holder varchar(64),
    category varchar(64),
    purpose varchar(64),
    actor_role varchar(64),
    decision varchar(8),
    reason_code varchar(80),
    obligations varchar(500),
    break_glass boolean NOT NULL,
    break_glass_reason varchar(2000),
    directive_id varchar(128),
    explanation varchar(2000),
    request_id varchar(128),
    correlation_id varchar(128),
    details varchar(4000),
    prev_hash varchar(64) NOT NULL,
    record_hash varchar(64) NOT NULL,
    PRIMARY KEY (seq),
    CONSTRAINT uq_audit_record_hash UNIQUE (record_hash)
);
-- Search paths of the IG officer and citizen views; all of them page newest first by seq.
CREATE INDEX ix_audit_record_subject ON audit_record (subject_nhs_number, seq);
CREATE INDEX ix_audit_record_agency ON audit_record (actor_agency, seq);
CREATE INDEX ix_audit_record_recorded_at ON audit_record (recorded_at);
