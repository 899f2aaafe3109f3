-- H2 2.4.240 evaluates a CHECK constraint that compares strings with the session that created it: once the
-- connection that ran the migration is closed (pool recycling), every insert fails with "Check constraint
-- invalid ... database has been closed". The status vocabulary is enforced by the application
-- (SigningKeyStatus) instead. Do not use string CHECK constraints in migrations that must run on H2.
ALTER TABLE signing_key DROP CONSTRAINT ck_signing_key_status;
