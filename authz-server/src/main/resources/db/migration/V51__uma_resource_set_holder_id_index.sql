-- Keyset paging of a holder's resource list (GET /uma/resource_set?after=&limit=) reads WHERE holder = ? AND id > ?
-- ORDER BY id: this index serves it without sorting the holder's resources for every page.
CREATE INDEX ix_uma_resource_set_holder_id ON uma_resource_set (holder, id);
