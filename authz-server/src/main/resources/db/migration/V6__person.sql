-- People with local accounts: citizens, information-governance officers, administrators.
CREATE TABLE person (
    username varchar(100) NOT NULL,
    password_hash varchar(200) NOT NULL,
    display_name varchar(200) DEFAULT NULL,
    nhs_number varchar(10) DEFAULT NULL,
    enabled boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    PRIMARY KEY (username)
);
CREATE UNIQUE INDEX ux_person_nhs_number ON person (nhs_number);
CREATE TABLE person_role (
    username varchar(100) NOT NULL,
    role varchar(32) NOT NULL,
    PRIMARY KEY (username, role),
    CONSTRAINT fk_person_role_person FOREIGN KEY (username) REFERENCES person (username)
);
