-- Indexes on the token values of oauth2_authorization (PostgreSQL). Every bearer request checks that its token is
-- still active (OAuthConfiguration.tokenStatus -> JdbcOAuth2AuthorizationService.findByToken), and introspection
-- and revocation look tokens up by value: without these indexes each look-up scans the whole table.
-- Hash indexes: token values are long (a JWT can exceed the 2,704-byte limit of a B-tree entry) and are only ever
-- compared for equality.
CREATE INDEX ix_oauth2_authorization_access_token ON oauth2_authorization USING hash (access_token_value);
CREATE INDEX ix_oauth2_authorization_refresh_token ON oauth2_authorization USING hash (refresh_token_value);
CREATE INDEX ix_oauth2_authorization_code ON oauth2_authorization USING hash (authorization_code_value);
CREATE INDEX ix_oauth2_authorization_state ON oauth2_authorization USING hash (state);
