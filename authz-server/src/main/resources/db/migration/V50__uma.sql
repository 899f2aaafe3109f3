-- UMA 2.0 resource registration, permission tickets and declared care relationships
-- (care.concord.server.uma, care.concord.server.relationship). See docs/uma.md.

-- A registered resource is a POINTER to care data held by an agency: who holds it, about whom, which data
-- category, which scopes. No care content is ever stored here.
CREATE TABLE uma_resource_set (
    id varchar(64) NOT NULL,
    holder varchar(64) NOT NULL,
    holder_org_type varchar(40) NOT NULL,
    registered_by_client varchar(255) NOT NULL,
    subject_nhs_number varchar(10) NOT NULL,
    name varchar(200) NOT NULL,
    category varchar(40) NOT NULL,
    resource_scopes varchar(200) NOT NULL,
    description varchar(500),
    icon_uri varchar(500),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_uma_resource_set_holder ON uma_resource_set (holder, created_at);
CREATE INDEX ix_uma_resource_set_subject ON uma_resource_set (subject_nhs_number, holder);

-- Permission tickets (UMA FedAuthz section 4): single use, short lived. Only the SHA-256 of a ticket is stored,
-- so that reading this table does not give anyone a redeemable ticket.
CREATE TABLE uma_permission_ticket (
    ticket_hash varchar(64) NOT NULL,
    resource_server varchar(64) NOT NULL,
    resource_server_client_id varchar(255) NOT NULL,
    permissions varchar(8000) NOT NULL,
    issued_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    PRIMARY KEY (ticket_hash)
);
CREATE INDEX ix_uma_permission_ticket_expires ON uma_permission_ticket (expires_at);

-- Care relationships an organisation declared with a citizen (POST /api/relationships). Holding a registered
-- resource about a citizen is a relationship too, without a row here.
CREATE TABLE care_relationship (
    organisation varchar(64) NOT NULL,
    subject_nhs_number varchar(10) NOT NULL,
    declared_by_client varchar(255) NOT NULL,
    declared_at timestamp with time zone NOT NULL,
    PRIMARY KEY (organisation, subject_nhs_number)
);
CREATE INDEX ix_care_relationship_subject ON care_relationship (subject_nhs_number);
