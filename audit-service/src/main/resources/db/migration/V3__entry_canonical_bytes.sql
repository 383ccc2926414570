-- Each entry's canonical form, exactly the bytes its hash is over, kept from the append: the log verifies by hashing
-- what it stores, and serves each entry from these bytes, so what is served is what is hashed. The other columns
-- become an index, for finding entries; those that only repeat the bytes are left empty from now on. The entries
-- logged before keep them (and no bytes): they are still written from their columns.
alter table audit_entry add column canonical bytea;
alter table audit_entry
    alter column source drop not null,
    alter column subject drop not null,
    alter column event_time drop not null,
    alter column recorded_at_text drop not null,
    alter column topic drop not null,
    alter column event drop not null,
    alter column prev_hash drop not null;
alter table audit_entry add constraint audit_entry_bytes_or_columns check (canonical is not null or (source is not null
    and subject is not null and event_time is not null and recorded_at_text is not null and topic is not null
    and event is not null and prev_hash is not null));
