-- Some evidence expires (the annual security toolkit, a penetration test within 12 months): reminders need the date.
alter table evidence add column expires_on date;
