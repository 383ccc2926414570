-- Template-version uplift: an assessment moves to a newer template version of its programme.
create table uplift (
    id               uuid primary key,
    assessment_id    uuid        not null references assessment,
    from_template_id uuid        not null references template,
    to_template_id   uuid        not null references template,
    report           text        not null,     -- JSON: the delta report the uplift returned
    renamed          text        not null,     -- JSON: the requirement ids the uplift changed, {"old": "new"}
    requirements_changed text[]  not null,     -- new ids of rows added, reworded or re-levelled by the uplift
    uplifted_by      text        not null,
    uplifted_at      timestamptz not null
);
create index uplift_assessment on uplift (assessment_id, uplifted_at);

-- An answer the uplift could not carry (its row was removed, or another party answers it now) is kept, set aside.
alter table response add column retired_by uuid references uplift;
-- An answer carried to a row that changed waits for its answerer to confirm it.
alter table response add column reattest boolean not null default false;
alter table response drop constraint response_assessment_id_deployment_id_requirement_ref_key;
create unique index response_in_force on response (assessment_id, deployment_id, requirement_ref) nulls not distinct
    where retired_by is null;

-- The revision of the phase's last approval: the next submission lists what changed since.
alter table phase_status add column approved_revision integer;
update phase_status set approved_revision = revision where state = 'APPROVED';
alter table submission add column changes text;  -- JSON: what changed since the approved revision; null without one
