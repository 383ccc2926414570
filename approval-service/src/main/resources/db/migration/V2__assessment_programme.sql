-- The programme of each assessment, from its tom.assessment.created event: agreements' longest terms are per programme.
alter table assessment_ref add column programme text;
