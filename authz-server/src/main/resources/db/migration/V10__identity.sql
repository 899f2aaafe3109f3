-- Identity service (care.concord.server.identity): links agencies' local records to Concord persons.
--
-- DATA MINIMISATION. These tables hold only what record linkage needs: agencies' local ids, NHS numbers, the
-- normalised demographics the matching model compares (names, date of birth, postcode, house number, street,
-- locality) and their blocking keys. Never care data: no diagnoses, encounters, medications, notes, contact
-- details or free text from the care record. The raw submitted text is not kept, only its normalised form;
-- sex is accepted by the API but not stored, as the model does not compare it.

-- One-row lock serialising identity writes across every node sharing this database (SELECT ... FOR UPDATE at the
-- start of each write transaction): two nodes can then never create two persons for one NHS number or for the
-- same new person submitted twice at once. Reads never take it.
CREATE TABLE identity_write_lock (
    id smallint NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT ck_identity_write_lock_single_row CHECK (id = 1)
);
INSERT INTO identity_write_lock (id) VALUES (1);

-- A Concord person: an opaque UUID, and the NHS number once one is known and trusted (unique).
CREATE TABLE identity_person (
    person_id varchar(36) NOT NULL,
    nhs_number varchar(10),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    PRIMARY KEY (person_id),
    CONSTRAINT uq_identity_person_nhs_number UNIQUE (nhs_number)
);

-- An agency's local record and its link. person_id is NULL exactly while an IG officer review is pending.
-- nhs_number is the number the agency submitted (valid Modulus 11); the person's trusted number is
-- identity_person.nhs_number. Demographic columns hold the normalised values (identity-matching's Standardiser).
CREATE TABLE identity_record (
    record_id varchar(36) NOT NULL,
    org_code varchar(8) NOT NULL,
    local_id varchar(64) NOT NULL,
    person_id varchar(36),
    nhs_number varchar(10),
    given_name varchar(100) NOT NULL,
    given_canonical varchar(100),
    family_name varchar(100) NOT NULL,
    date_of_birth varchar(8) NOT NULL,
    postcode varchar(16),
    street_number varchar(20),
    street varchar(200),
    locality varchar(100),
    method varchar(20) NOT NULL,
    score double precision,
    review_id varchar(36),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    PRIMARY KEY (record_id),
    CONSTRAINT uq_identity_record_local_id UNIQUE (org_code, local_id),
    CONSTRAINT fk_identity_record_agency FOREIGN KEY (org_code) REFERENCES agency (code),
    CONSTRAINT fk_identity_record_person FOREIGN KEY (person_id) REFERENCES identity_person (person_id),
    CONSTRAINT ck_identity_record_method
        CHECK (method IN ('nhs-number', 'demographic-match', 'new-person', 'review', 'ig-decision')),
    CONSTRAINT ck_identity_record_pending CHECK ((person_id IS NULL) = (method = 'review'))
);
CREATE INDEX ix_identity_record_person ON identity_record (person_id);

-- Blocking keys per record (identity-matching BlockingScheme, without the NHS number pass): a look-up reads the
-- records sharing a key through the primary key index and scores only those, so matching cost does not grow
-- with the number of persons.
CREATE TABLE identity_blocking_key (
    blocking_key varchar(255) NOT NULL,
    record_id varchar(36) NOT NULL,
    PRIMARY KEY (blocking_key, record_id),
    CONSTRAINT fk_identity_blocking_key_record FOREIGN KEY (record_id) REFERENCES identity_record (record_id)
        ON DELETE CASCADE
);
CREATE INDEX ix_identity_blocking_key_record ON identity_blocking_key (record_id);

-- The IG officer review queue. Lifecycle: pending -> accepted | rejected; a decided review never changes again.
-- proposed_person_id is Concord's best guess (NULL: none); previous_person_id the record's link before a
-- re-submission asked to move it; person_id the person the decision linked the record to.
CREATE TABLE identity_review (
    review_id varchar(36) NOT NULL,
    record_id varchar(36) NOT NULL,
    status varchar(10) NOT NULL,
    reason varchar(32) NOT NULL,
    proposed_person_id varchar(36),
    previous_person_id varchar(36),
    score double precision,
    created_at timestamp with time zone NOT NULL,
    decided_at timestamp with time zone,
    decided_by varchar(255),
    decision_reason varchar(1000),
    person_id varchar(36),
    PRIMARY KEY (review_id),
    CONSTRAINT fk_identity_review_record FOREIGN KEY (record_id) REFERENCES identity_record (record_id),
    CONSTRAINT ck_identity_review_status CHECK (status IN ('pending', 'accepted', 'rejected')),
    CONSTRAINT ck_identity_review_decided CHECK ((status = 'pending') = (decided_at IS NULL)),
    CONSTRAINT ck_identity_review_reason
        CHECK (reason IN ('possible-match', 'ambiguous-match', 'nhs-number-conflict', 'nhs-number-mismatch', 'relink'))
);
CREATE INDEX ix_identity_review_queue ON identity_review (status, created_at);
CREATE INDEX ix_identity_review_record ON identity_review (record_id);
