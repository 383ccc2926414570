-- assessment-service: the TOM itself.

create table organisation (
    ods_code   text primary key,
    name       text        not null,
    kinds      text[]      not null,              -- SUPPLIER, EUO, NHS_DIGITAL (one organisation may be several)
    version    bigint      not null default 0,
    created_at timestamptz not null default now()
);

create table contact (
    id        uuid primary key,
    ods_code  text not null references organisation on delete cascade,
    role      text not null,                      -- TOM contact role: OWNER, SIRO, SUPPLIER_CSO, ...
    name      text not null,
    email     text,
    phone     text
);
create index contact_organisation on contact (ods_code);

create table programme (
    code       text primary key,                  -- e.g. ers-apis, smsp-pds
    name       text        not null,
    created_at timestamptz not null default now()
);

create table template (
    id             uuid primary key,
    programme_code text        not null references programme,
    version        text        not null,
    status         text        not null,          -- DRAFT, PUBLISHED (published: immutable)
    published_at   timestamptz,
    created_at     timestamptz not null default now(),
    unique (programme_code, version)
);

create table template_section (
    id          uuid primary key,
    template_id uuid    not null references template on delete cascade,
    code        text    not null,                 -- e.g. 9.1
    title       text    not null,
    kind        text    not null,
    ordinal     integer not null,
    unique (template_id, code)
);

create table requirement (
    id              uuid primary key,
    template_id     uuid    not null references template on delete cascade,
    ref             text    not null,             -- the workbook's row id, e.g. IO-01, SR-13, A001-01
    section_code    text    not null,
    title           text    not null,
    description     text,
    guidance        text,
    level           text,                         -- MUST, SHOULD
    row_type        text    not null,             -- INFO, ACTION, REQ
    answered_by     text    not null,             -- SUPPLIER, EUO, NHS_DIGITAL
    phases          text[]  not null,             -- 1A, 1B, 2
    allowed_answers text[]  not null,
    ordinal         integer not null,
    unique (template_id, ref),
    foreign key (template_id, section_code) references template_section (template_id, code)
);

create table product (
    id           uuid primary key,
    supplier_ods text        not null references organisation,
    name         text        not null,
    created_at   timestamptz not null default now(),
    unique (supplier_ods, name)
);

create table product_version (
    id         uuid primary key,
    product_id uuid        not null references product,
    version    text        not null,
    created_at timestamptz not null default now(),
    unique (product_id, version)
);

create table assessment (
    id                          uuid primary key,
    product_version_id          uuid        not null references product_version,
    template_id                 uuid        not null references template,
    supplier_ods                text        not null references organisation,
    medical_device              boolean     not null default false,
    updates_spine               boolean     not null default false,
    clinical_safety_related     boolean     not null default false,
    changes_local_systems       boolean     not null default false,
    version                     bigint      not null default 0,
    created_at                  timestamptz not null default now(),
    unique (product_version_id, template_id)
);
create index assessment_supplier on assessment (supplier_ods, id);

create table deployment (
    id                          uuid primary key,
    assessment_id               uuid        not null references assessment,
    euo_ods                     text        not null references organisation,
    first_of_type               boolean     not null,
    topology                    text,
    endpoints                   text[]      not null default '{}',
    local_changes               text,
    affects_other_organisations boolean     not null default false,
    version                     bigint      not null default 0,
    created_at                  timestamptz not null default now(),
    unique (assessment_id, euo_ods)
);
create index deployment_euo on deployment (euo_ods, id);

-- Answers: product-level (deployment_id null) or a deployment's own (EUO rows, local answers).
create table response (
    id                uuid primary key,
    assessment_id     uuid        not null references assessment,
    deployment_id     uuid references deployment,
    requirement_ref   text        not null,
    answer            text,
    implementation_ref text,
    notes             text,
    test_ref          text,
    nc_detail         text,
    nc_mitigation     text,
    nc_risk           text,                       -- RED, AMBER, GREEN
    score             text,                       -- NHS Digital: NOT_YET_ASSESSED, OK, NOT_OK, QUERIES
    score_comment     text,
    version           bigint      not null default 0,
    updated_by        text        not null,
    updated_at        timestamptz not null,
    unique nulls not distinct (assessment_id, deployment_id, requirement_ref)
);

create table evidence (
    id          uuid primary key,
    response_id uuid        not null references response,
    name        text        not null,
    media_type  text        not null,
    sha256      text        not null,
    size_bytes  bigint      not null,
    content     bytea       not null,
    uploaded_by text        not null,
    uploaded_at timestamptz not null
);
create index evidence_response on evidence (response_id);

-- Where each phase stands: for the product (1A, 1B) or for a deployment (2).
create table phase_status (
    id            uuid primary key,
    assessment_id uuid        not null references assessment,
    deployment_id uuid references deployment,
    phase         text        not null,
    state         text        not null,           -- DRAFT, SUBMITTED, APPROVED, RETURNED, REJECTED
    revision      integer     not null default 0, -- latest submitted revision
    reason        text,
    updated_at    timestamptz not null default now(),
    unique nulls not distinct (assessment_id, deployment_id, phase)
);

-- Immutable revisions: corrections are new rows.
create table submission (
    id            uuid primary key,
    assessment_id uuid        not null references assessment,
    deployment_id uuid references deployment,
    phase         text        not null,
    revision      integer     not null,
    content_hash  text        not null,           -- SHA-256 of content, hex
    content       text        not null,           -- canonical JSON
    route         text        not null,
    submitted_by  text        not null,
    submitted_at  timestamptz not null,
    unique nulls not distinct (assessment_id, deployment_id, phase, revision)
);
