-- Rows requiring evidence that is in date until a known day (tom.assessment.required-evidence-changed): reminders go
-- out before that day. A row whose evidence is not in date, or never lapses, is not tracked.
create table tracked_required_evidence (
    owner_id       uuid not null, -- the deployment for an EUO's own row, else the assessment
    requirement_id text not null,
    kind           text not null,
    supplier_ods   text not null,
    euo_ods        text,
    lapses_on      date not null,
    primary key (owner_id, requirement_id)
);
