-- Agencies (organisations) and the OAuth clients registered for them.
CREATE TABLE agency (
    code varchar(8) NOT NULL,
    name varchar(200) NOT NULL,
    org_type varchar(32) NOT NULL,
    enabled boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    PRIMARY KEY (code)
);
CREATE TABLE agency_client (
    client_id varchar(100) NOT NULL,
    agency_code varchar(8) NOT NULL,
    registered_client_id varchar(100) NOT NULL,
    enabled boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    secret_rotated_at timestamp with time zone DEFAULT NULL,
    PRIMARY KEY (client_id),
    CONSTRAINT fk_agency_client_agency FOREIGN KEY (agency_code) REFERENCES agency (code)
);
CREATE INDEX ix_agency_client_agency ON agency_client (agency_code);
