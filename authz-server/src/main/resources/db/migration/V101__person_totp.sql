-- Second factor of local accounts: an RFC 6238 TOTP secret per person (confirmed once the person has entered a
-- code from it), and the last time step used, so that no code is accepted twice.
CREATE TABLE person_totp (
    username varchar(100) NOT NULL,
    secret varchar(64) NOT NULL,
    confirmed boolean NOT NULL,
    last_used_step bigint NOT NULL,
    created_at timestamp with time zone NOT NULL,
    PRIMARY KEY (username),
    CONSTRAINT fk_person_totp_person FOREIGN KEY (username) REFERENCES person (username)
);
