-- notification-service: who to tell, how, and every delivery.

-- Organisations and their contacts by TOM role, from assessment-service's events.
create table organisation (
    ods_code text primary key,
    kinds    text[] not null
);

create table recipient (
    ods_code text not null,
    role     text not null,
    name     text not null,
    email    text not null,
    primary key (ods_code, role, email)
);

-- Supplier systems' endpoints: signed with the secret (HMAC-SHA256).
create table webhook (
    id         uuid primary key,
    ods_code   text        not null,
    url        text        not null,
    secret     text        not null,
    active     boolean     not null default true,
    created_by text        not null,
    created_at timestamptz not null
);
create index webhook_organisation on webhook (ods_code) where active;

-- An organisation mutes a channel for an event type; mandatory notices ignore it.
create table preference (
    ods_code   text not null,
    event_type text not null,
    channel    text not null,
    muted      boolean not null,
    primary key (ods_code, event_type, channel)
);

-- One row per (event, channel, recipient): a redelivered event finds it and sends nothing twice.
create table delivery (
    id              uuid primary key,
    event_id        uuid        not null,
    event_type      text        not null,
    rule            text        not null,
    channel         text        not null,      -- EMAIL, WEBHOOK, INBOX
    ods_code        text        not null,
    recipient       text        not null,      -- an email address, a webhook id, or the organisation's inbox
    subject         text        not null,
    body            text        not null,
    status          text        not null,      -- PENDING, SENT, DEAD
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    created_at      timestamptz not null,
    sent_at         timestamptz,
    unique (event_id, channel, recipient)
);
create index delivery_due on delivery (next_attempt_at) where status = 'PENDING';
create index delivery_dead on delivery (created_at) where status = 'DEAD';

create table inbox_item (
    id         uuid primary key,
    ods_code   text        not null,
    event_id   uuid        not null,
    event_type text        not null,
    title      text        not null,
    body       text        not null,
    created_at timestamptz not null,
    read_at    timestamptz,
    unique (event_id, ods_code)
);
create index inbox_item_organisation on inbox_item (ods_code, id);

-- What reminders watch.
create table tracked_agreement (
    agreement_id uuid primary key,
    kind         text not null,
    ods_code     text not null,
    expires_on   date not null
);

create table tracked_case (
    case_id      uuid primary key,
    deployment_id uuid,                        -- for Phase 2
    phase        text        not null,
    supplier_ods text        not null,
    euo_ods      text,
    opened_at    timestamptz not null,
    decided      boolean     not null default false
);

create table tracked_evidence (
    evidence_id    uuid primary key,
    requirement_id text not null,
    name           text not null,
    supplier_ods   text not null,
    euo_ods        text,                        -- set for a deployment's own evidence
    expires_on     date not null
);

-- Deployments waiting for go-live since their Phase 2 submission; ready once the gate opens.
create table tracked_deployment (
    deployment_id uuid primary key,
    supplier_ods  text        not null,
    euo_ods       text        not null,
    waiting_since timestamptz not null,
    ready         boolean     not null default false
);
