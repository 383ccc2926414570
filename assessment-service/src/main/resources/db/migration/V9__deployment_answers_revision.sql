-- Counts changes to a deployment's own answers and Phase 2 state, as assessment.answers_revision does the product's:
-- every change locks the deployment by bumping it. With the versions it makes the deployment's ETag, which must
-- move with every answer (the assessment's now moves with its answers and phase states too).
alter table deployment add column answers_revision bigint not null default 0;
