-- How a revision's content was written before it was hashed. Revisions hashed before RFC 8785 keep their form and
-- say so; every new one names its algorithm (no default: the code must).
alter table submission add column hash_algorithm text not null default 'sha-256/sorted-json';
alter table submission alter column hash_algorithm drop default;
alter table submission add constraint submission_hash_algorithm check (hash_algorithm in ('sha-256/sorted-json', 'sha-256/jcs'));
