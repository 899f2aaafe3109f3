-- Authorization-code single use across nodes (oauth.SingleUseAuthorizationCodes): every redemption attempt
-- increments this counter with one conditional-free UPDATE under the row lock; only the attempt that moved it
-- from 0 to 1 may receive tokens, and any later attempt revokes every token issued from the code.
ALTER TABLE oauth2_authorization ADD COLUMN code_redemptions integer DEFAULT 0 NOT NULL;
