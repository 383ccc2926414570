-- audit-service: the central, append-only, hash-chained audit log.

create table audit_entry (
    seq              bigint primary key,           -- 1, 2, 3, ... without gaps: the Merkle leaf index + 1
    event_id         uuid        not null unique,  -- an event is logged once, however often it is delivered
    type             text        not null,
    source           text        not null,
    subject          text        not null,
    event_time       text        not null,         -- as the event says (hashed as is)
    recorded_at      timestamptz not null,
    recorded_at_text text        not null,         -- as hashed
    topic            text        not null,
    organisations    text[]      not null,         -- ODS codes the event is about
    assessment_id    uuid,
    deployment_id    uuid,
    actor            text,
    event            text        not null,         -- the CloudEvent exactly as received
    prev_hash        text        not null,
    hash             text        not null
);
create index audit_entry_organisations on audit_entry using gin (organisations);
create index audit_entry_assessment on audit_entry (assessment_id, seq);
create index audit_entry_deployment on audit_entry (deployment_id, seq);
create index audit_entry_type on audit_entry (type, seq);
create index audit_entry_actor on audit_entry (actor, seq);
create index audit_entry_recorded on audit_entry (recorded_at, seq);

-- Nothing may change or remove an entry, not even by mistake.
create function audit_entry_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the audit log is append-only';
end $$;
create trigger audit_entry_append_only before update or delete on audit_entry
    for each row execute function audit_entry_is_append_only();

-- The head of the chain: locked by each append, so entries get consecutive numbers and link in order.
create table chain_head (
    id   integer primary key check (id = 1),
    seq  bigint not null,
    hash text   not null
);
insert into chain_head (id, seq, hash) values (1, 0, repeat('0', 64));

-- Hashes of whole, aligned Merkle subtrees (level 0: the leaves), so roots and proofs need O(log n) look-ups.
create table merkle_node (
    level integer not null,
    idx   bigint  not null,
    hash  bytea   not null,
    primary key (level, idx)
);

-- Signed statements of the log's state.
create table checkpoint (
    tree_size bigint primary key,
    root_hash text not null,
    sealed_at text not null,
    signature text not null
);

-- Used when no signing key is configured (development): generated once, kept here.
create table signing_key (
    id          integer primary key check (id = 1),
    private_pem text        not null,
    public_pem  text        not null,
    created_at  timestamptz not null default now()
);

-- The completeness audit of submitted TOMs.
create table completeness_audit (
    submission_id      uuid primary key,
    assessment_id      uuid        not null,
    deployment_id      uuid,
    supplier_ods       text        not null,
    euo_ods            text,
    phase              text        not null,
    revision           integer     not null,
    content_hash       text        not null,
    route              text        not null,
    answered           integer     not null,
    required           integer     not null,
    non_conformances   text[]      not null,
    acknowledged       text[]      not null default '{}',
    state              text        not null,     -- DUE, AUDITED
    submitted_at       timestamptz not null,
    audited_at         timestamptz,
    audited_by         text,
    notes              text
);
create index completeness_audit_state on completeness_audit (state, submitted_at);
