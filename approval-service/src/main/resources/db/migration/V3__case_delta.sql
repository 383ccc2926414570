-- What a revision changes since the phase's approved one (JSON, from its tom.assessment.phase-submitted event): the
-- reviewer reads a delta. Null before a first approval.
alter table review_case add column since_approved text;
