-- What a row's answer means: COMPLIANCE (non-conformance applies), QUESTION (a fact from a list), FREE_TEXT (a form's
-- free response, no list). Rows created before default to what their allowed answers imply.
alter table requirement add column answer_kind text;
update requirement set answer_kind = case when cardinality(allowed_answers) = 0 then 'FREE_TEXT' else 'COMPLIANCE' end;
alter table requirement alter column answer_kind set not null;
