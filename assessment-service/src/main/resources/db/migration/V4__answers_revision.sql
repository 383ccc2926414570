-- Counts changes to a product's answers (every change locks the assessment and bumps it), so that results derived
-- from the answers can be kept until they change. Not the ETag: that is the assessment's own version.
alter table assessment add column answers_revision bigint not null default 0;
