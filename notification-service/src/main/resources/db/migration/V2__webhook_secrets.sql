-- Webhook secrets are kept encrypted (AES-256-GCM, bound to their webhook's id), never in the clear; a rotated-out
-- secret keeps signing beside the new one until previous_secret_until. Secrets stored in the clear before this
-- version are encrypted at the next start and their clear copy removed.
alter table webhook alter column secret drop not null;
alter table webhook add column secret_sealed bytea;
alter table webhook add column previous_secret_sealed bytea;
alter table webhook add column previous_secret_until timestamptz;

-- The key, when none is configured (tom.notification.webhooks.secret-key): generated once, for development only.
create table webhook_key (
    id         integer primary key check (id = 1),
    key        bytea       not null,
    created_at timestamptz not null default now()
);
