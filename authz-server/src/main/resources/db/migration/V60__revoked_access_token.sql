-- Revoked self-contained access tokens (client_credentials JWTs are not stored in oauth2_authorization; see
-- ConcordAuthorizationService): one row per revoked token, by its jti, kept until the token would have expired.
CREATE TABLE revoked_access_token (
    jti varchar(200) NOT NULL PRIMARY KEY,
    client_id varchar(100) NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone NOT NULL
);
CREATE INDEX ix_revoked_access_token_expires ON revoked_access_token (expires_at);
