-- approval-service: reviews, decisions, agreements, escalations and the go-live gate.

-- What this service knows of assessments and deployments, from assessment-service's events.
create table assessment_ref (
    assessment_id   uuid primary key,
    product_id      uuid        not null,
    product_version text        not null,
    supplier_ods    text        not null,
    updated_at      timestamptz not null default now()
);
create index assessment_ref_product on assessment_ref (product_id);

create table deployment_ref (
    deployment_id uuid primary key,
    assessment_id uuid        not null,
    supplier_ods  text        not null,
    euo_ods       text        not null,
    created_at    timestamptz not null default now()
);
create index deployment_ref_assessment on deployment_ref (assessment_id);

-- One review case per submitted revision and phase.
create table review_case (
    id                    uuid primary key,
    submission_id         uuid        not null unique,
    assessment_id         uuid        not null,
    deployment_id         uuid,
    phase                 text        not null,
    revision              integer     not null,
    content_hash          text        not null,
    supplier_ods          text        not null,
    euo_ods               text,
    product_id            uuid,
    product_version       text,
    route                 text,
    clinical_safety_level integer     not null,
    escalation_required   boolean     not null,
    required_sign_offs    text[]      not null,
    non_conformances      text[]      not null,
    state                 text        not null,   -- OPEN, DECIDED, SUPERSEDED
    opened_at             timestamptz not null,
    version               bigint      not null default 0
);
create index review_case_scope on review_case (assessment_id, deployment_id, phase, revision);

create table decision (
    id            uuid primary key,
    case_id       uuid        not null unique references review_case,
    outcome       text        not null,           -- APPROVED, RETURNED, REJECTED
    detail        text        not null,           -- the phase's wording, e.g. APPROVED_DSA_REQUIRED
    reason        text,
    areas         text,                           -- Phase 1A: JSON of the area decisions
    content_hash  text        not null,           -- SHA-256 of the revision decided
    decided_by    text        not null,
    decided_at    timestamptz not null
);

create table phase_condition (
    id            uuid primary key,
    case_id       uuid        not null references review_case,
    assessment_id uuid        not null,
    description   text        not null,
    discharged_at timestamptz,
    discharged_by text,
    evidence      text
);
create index phase_condition_assessment on phase_condition (assessment_id);

create table certificate (
    number          text primary key,            -- IAC-nnnn-nnnnnnnn
    case_id         uuid        not null unique references review_case,
    product_id      uuid        not null,
    product_version text        not null,
    issued_by       text        not null,
    issued_at       timestamptz not null
);

-- Non-conformance acceptance is split: NHS Digital's central review and the EUO's local risk acceptance.
create table nc_review (
    id             uuid primary key,
    assessment_id  uuid        not null,
    requirement_id text        not null,
    review         text        not null,         -- ACKNOWLEDGED, REFUSED
    comment        text,
    reviewed_by    text        not null,
    reviewed_at    timestamptz not null,
    unique (assessment_id, requirement_id)
);

create table nc_acceptance (
    id             uuid primary key,
    deployment_id  uuid        not null,
    requirement_id text        not null,
    comment        text,
    accepted_by    text        not null,
    accepted_at    timestamptz not null,
    unique (deployment_id, requirement_id)
);

create table agreement (
    id               uuid primary key,
    kind             text        not null,       -- CONNECTION_AGREEMENT, END_USER_POLICY, DSA, DSFC
    product_id       uuid,                       -- per product (Connection Agreement)
    deployment_id    uuid,                       -- per deployment (the others)
    organisation     text        not null,
    signatory        text        not null,
    signatory_role   text        not null,
    signed_on        date        not null,
    document_version text        not null,
    expires_on       date,
    recorded_by      text        not null,
    recorded_at      timestamptz not null
);
create index agreement_product on agreement (product_id, kind);
create index agreement_deployment on agreement (deployment_id, kind);

create table sign_off (
    id            uuid primary key,
    deployment_id uuid        not null,
    kind          text        not null,
    signed_by     text        not null,
    signed_at     timestamptz not null,
    unique (deployment_id, kind)
);

create table escalation (
    id            uuid primary key,
    assessment_id uuid        not null,
    deployment_id uuid,
    level         integer     not null,
    reason        text        not null,
    raised_at     timestamptz not null,
    resolved_at   timestamptz,
    resolved_by   text,
    resolution    text
);
create index escalation_assessment on escalation (assessment_id);

-- The gate's last known state per deployment: a change of it is an event.
create table gate (
    deployment_id     uuid primary key,
    open              boolean     not null default false,
    live              boolean     not null default false,
    suspended         boolean     not null default false,
    suspension_reason text,
    updated_at        timestamptz not null default now(),
    version           bigint      not null default 0
);
