-- Events the broker refused for good (too large, invalid): moved aside with the reason, so that the events behind
-- them keep flowing. An admin re-drives one (POST /api/v1/ops/outbox/dead-letters/{eventId}/redrive) once its cause
-- is fixed: it goes back to the end of the outbox.
create table outbox_dead_letter (
    event_id         uuid primary key,
    seq              bigint      not null,                        -- where it stood in the outbox
    topic            text        not null,
    message_key      text        not null,
    event_type       text        not null,
    payload          text        not null,
    created_at       timestamptz not null,
    attempts         integer     not null,
    reason           text        not null,
    dead_lettered_at timestamptz not null default now(),
    redriven         integer     not null default 0,              -- how often it was sent back to the outbox
    redriven_at      timestamptz                                  -- set while a re-driven copy is back in the outbox
);
