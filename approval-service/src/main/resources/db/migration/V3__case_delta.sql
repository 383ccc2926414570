-- What a revision changes since the phase's approved one (JSON, from its tom.assessment.phase-submitted event): the
-- reviewer reads a delta. Null before a first approval.
alter table review_case add column since_approved text;
-- What the reviewer reads at a glance, as the revision's event stated it (JSON, null for cases opened before):
-- completeness of the phase, non-conformances by RAG risk, and the IG outcome.
alter table review_case add column completeness text;
alter table review_case add column non_conformance_risk text;
alter table review_case add column ig_outcome text;
-- The product by name, for the queue (its id and version were there already).
alter table review_case add column product_name text;
