-- A toy aggregate and a toy consumer effect, to test the outbox against.
create table widget (id text primary key, name text not null);
create table widget_tally (event_id uuid not null, widget_id text not null);
