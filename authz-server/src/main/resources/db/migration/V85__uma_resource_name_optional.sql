-- UMA FedAuthz section 3.1: a resource description's name is optional.
ALTER TABLE uma_resource_set ALTER COLUMN name DROP NOT NULL;
