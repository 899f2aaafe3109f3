-- private_key_jwt replay cache (RFC 7523 section 3, rule 7): one row per (client, jti) until the
-- assertion expires.
CREATE TABLE client_assertion_jti (
    client_id varchar(100) NOT NULL,
    jti varchar(200) NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    PRIMARY KEY (client_id, jti)
);
CREATE INDEX ix_client_assertion_jti_expires ON client_assertion_jti (expires_at);
