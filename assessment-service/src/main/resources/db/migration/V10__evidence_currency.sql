-- Evidence that goes out of date: a template row may require evidence of a kind, each piece has the date it was issued
-- as well as its expiry, and the programme sets the oldest each kind may be.
alter table requirement add column evidence_kind text;
alter table evidence add column kind text;
alter table evidence add column effective_on date;
create table evidence_max_age (
    programme_code text not null references programme (code),
    kind text not null,
    max_age text not null, -- an ISO 8601 period: P12M
    primary key (programme_code, kind)
);
