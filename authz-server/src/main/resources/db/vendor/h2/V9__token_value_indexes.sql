-- Indexes on the token values of oauth2_authorization (H2). Every bearer request checks that its token is still
-- active (OAuthConfiguration.tokenStatus -> JdbcOAuth2AuthorizationService.findByToken), and introspection and
-- revocation look tokens up by value: without these indexes each look-up scans the whole table, which grows by one
-- row per issued token, until requests queue for connections.
CREATE INDEX ix_oauth2_authorization_access_token ON oauth2_authorization (access_token_value);
CREATE INDEX ix_oauth2_authorization_refresh_token ON oauth2_authorization (refresh_token_value);
CREATE INDEX ix_oauth2_authorization_code ON oauth2_authorization (authorization_code_value);
CREATE INDEX ix_oauth2_authorization_state ON oauth2_authorization (state);
