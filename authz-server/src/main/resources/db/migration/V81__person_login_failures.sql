-- Brute-force defence for people's sign-in (security.LoginThrottle): consecutive failed sign-ins and the time
-- until which the account refuses sign-in (a progressive delay after 3 failures, a lockout after 10 that only
-- an administrator lifts early). Kept in the shared database, so every node sees the same count.
ALTER TABLE person ADD COLUMN failed_logins integer DEFAULT 0 NOT NULL;
ALTER TABLE person ADD COLUMN locked_until timestamp with time zone;
