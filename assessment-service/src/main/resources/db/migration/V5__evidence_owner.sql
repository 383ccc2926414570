-- Whose storage each file counts against: the supplier for its product's evidence, the EUO for its deployment's.
alter table evidence add column owner_ods text;
update evidence e set owner_ods = coalesce(d.euo_ods, a.supplier_ods)
from response r join assessment a on a.id = r.assessment_id left join deployment d on d.id = r.deployment_id
where r.id = e.response_id;
alter table evidence alter column owner_ods set not null;
create index evidence_owner on evidence (owner_ods);
