-- People who sign in through an upstream OpenID Connect provider (NHS login, CIS2): which local account each
-- upstream subject is. One row per (provider, subject); an account may be reached from several providers.
CREATE TABLE federated_identity (
    provider varchar(64) NOT NULL,
    subject varchar(255) NOT NULL,
    username varchar(100) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    last_sign_in_at timestamp with time zone NOT NULL,
    PRIMARY KEY (provider, subject),
    CONSTRAINT fk_federated_identity_person FOREIGN KEY (username) REFERENCES person (username)
);
CREATE INDEX ix_federated_identity_username ON federated_identity (username);
