-- The town an agency is in (issue #16): shown beside its name in the directory and in the citizen's agency picker,
-- so that two practices of the same name can be told apart. Optional: agencies registered before have none.
ALTER TABLE agency ADD COLUMN town varchar(100) DEFAULT NULL;
