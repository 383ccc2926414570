-- The API sections (template sections of kind API_REQUIREMENTS) that apply to the product; null: every section.
alter table assessment add column scope text[];
