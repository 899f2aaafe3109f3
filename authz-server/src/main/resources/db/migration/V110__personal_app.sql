-- Personal apps and devices (care.concord.server.source): OAuth clients that act as resource servers for one
-- citizen each, registered by an administrator. A citizen connects one through the authorization code flow; its
-- protection token is bound to that citizen and to the categories the app was registered for. The OAuth client
-- itself lives in oauth2_registered_client; this table says that the client is a personal app and what it may hold.
CREATE TABLE personal_app (
    client_id varchar(100) NOT NULL,
    name varchar(200) NOT NULL,
    categories varchar(500) NOT NULL,
    enabled boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    PRIMARY KEY (client_id)
);
