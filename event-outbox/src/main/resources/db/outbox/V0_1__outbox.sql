-- Shared by every service (event-outbox library). Library migrations use versions below 1;
-- each service's own migrations start at V1.

-- Events recorded in the same transaction as the state change they describe, published by the relay.
create table outbox_event (
    seq          bigint generated always as identity primary key, -- publication order
    event_id     uuid        not null unique,
    topic        text        not null,
    message_key  text        not null,                            -- the aggregate id: keeps its events in one partition
    event_type   text        not null,
    payload      text        not null,                            -- the CloudEvent, structured JSON
    created_at   timestamptz not null default now(),
    published_at timestamptz,
    attempts     integer     not null default 0,
    last_error   text
);
create index outbox_event_unpublished on outbox_event (seq) where published_at is null;
create index outbox_event_published_at on outbox_event (published_at) where published_at is not null;

-- Events a consumer has applied, written in the same transaction as the effect: a redelivery finds its row.
create table processed_event (
    consumer     text        not null,
    event_id     uuid        not null,
    event_type   text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
