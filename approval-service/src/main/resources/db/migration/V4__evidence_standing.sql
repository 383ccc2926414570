-- How each row requiring evidence stands, as assessment-service last published it (tom.assessment.required-evidence-
-- changed): the go-live gate's "required evidence in date". owner_id is the deployment for an EUO's own row, else the
-- assessment, whose rows every deployment of it shares.
create table evidence_standing (
    owner_id       uuid        not null,
    requirement_id text        not null,
    assessment_id  uuid        not null,
    deployment_id  uuid,
    kind           text        not null,
    in_date        boolean     not null,
    lapses_on      date,
    problem        text,
    updated_at     timestamptz not null,
    primary key (owner_id, requirement_id)
);
create index evidence_standing_assessment on evidence_standing (assessment_id);
