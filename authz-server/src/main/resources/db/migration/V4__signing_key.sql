-- Concord's token signing keys. Key material is stored encoded (PKCS#8 / X.509, base64); production
-- deployments should wrap private_key with a KMS or keystore (see docs/architecture.md).
CREATE TABLE signing_key (
    kid varchar(64) NOT NULL,
    algorithm varchar(16) NOT NULL,
    private_key varchar(8000) NOT NULL,
    public_key varchar(4000) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    status varchar(16) NOT NULL,
    not_after timestamp with time zone DEFAULT NULL,
    PRIMARY KEY (kid),
    CONSTRAINT ck_signing_key_status CHECK (status IN ('active', 'retired'))
);
CREATE INDEX ix_signing_key_status ON signing_key (status);
