-- Citizens' consent (care.concord.server.consent): directives, national data opt-out, receipts, proxies.
--
-- consent_citizen holds one row per citizen who ever changed their consent: the national data opt-out and the
-- consent version, a counter bumped in the same transaction as every change (nodes compare it to invalidate
-- cached decisions). Every change locks this row first (SELECT ... FOR UPDATE), so changes of one citizen are
-- serialised across threads and nodes.
CREATE TABLE consent_citizen (
    nhs_number varchar(10) NOT NULL,
    consent_version bigint NOT NULL,
    national_opt_out boolean NOT NULL,
    opt_out_changed_at timestamp with time zone,
    updated_at timestamp with time zone NOT NULL,
    PRIMARY KEY (nhs_number)
);

-- Directive versions. A directive is never edited in place: every change, including revocation, inserts the
-- next version; the current state of a directive is its highest version. Scope lists are comma-joined codes
-- (organisation codes, roles and vocabulary codes cannot contain commas); NULL means "any".
CREATE TABLE consent_directive (
    nhs_number varchar(10) NOT NULL,
    directive_id varchar(128) NOT NULL,
    version integer NOT NULL,
    effect varchar(8) NOT NULL,
    status varchar(8) NOT NULL,
    organisations varchar(4000),
    org_types varchar(1000),
    roles varchar(4000),
    categories varchar(1000),
    purposes varchar(200),
    start_at timestamp with time zone,
    end_at timestamp with time zone,
    recorded_at timestamp with time zone NOT NULL,
    actor_username varchar(255) NOT NULL,
    on_behalf_of varchar(255),
    revoked_at timestamp with time zone,
    PRIMARY KEY (nhs_number, directive_id, version),
    CONSTRAINT ck_consent_directive_effect CHECK (effect IN ('permit', 'deny')),
    CONSTRAINT ck_consent_directive_status CHECK (status IN ('active', 'revoked')),
    CONSTRAINT ck_consent_directive_revoked CHECK ((status = 'revoked') = (revoked_at IS NOT NULL)),
    CONSTRAINT ck_consent_directive_version CHECK (version >= 1)
);

-- Signed consent receipts (Kantara Consent Receipt / ISO/IEC 27560 record), one per change, kept as issued.
CREATE TABLE consent_receipt (
    receipt_id varchar(64) NOT NULL,
    nhs_number varchar(10) NOT NULL,
    issued_at timestamp with time zone NOT NULL,
    consent_version bigint NOT NULL,
    action varchar(40) NOT NULL,
    actor_username varchar(255) NOT NULL,
    on_behalf_of varchar(255),
    key_id varchar(64) NOT NULL,
    jws text NOT NULL,
    PRIMARY KEY (receipt_id)
);
CREATE INDEX ix_consent_receipt_subject ON consent_receipt (nhs_number, issued_at);

-- Proxies: accounts (carers) a citizen named to manage their consent for them.
CREATE TABLE consent_proxy (
    nhs_number varchar(10) NOT NULL,
    proxy_username varchar(100) NOT NULL,
    citizen_username varchar(100) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    PRIMARY KEY (nhs_number, proxy_username)
);
CREATE INDEX ix_consent_proxy_proxy ON consent_proxy (proxy_username);

-- IG officers' reviews of break-glass accesses. The queue is the audit log's break-glass permits without a row
-- here; review_audit_seq is the audit record of the review itself.
CREATE TABLE consent_break_glass_review (
    audit_seq bigint NOT NULL,
    justified boolean NOT NULL,
    review_comment varchar(2000),
    reviewer varchar(255) NOT NULL,
    reviewed_at timestamp with time zone NOT NULL,
    review_audit_seq bigint,
    PRIMARY KEY (audit_seq)
);
