-- How an entry was written before it was hashed: 'sha-256/jcs' (RFC 8785) for every entry logged from now on; null
-- for the entries logged before, which keep the log's first form (and their hashes).
alter table audit_entry add column hash_algorithm text check (hash_algorithm = 'sha-256/jcs');
