-- One database per TOM Assure service, plus Keycloak's, all owned by the demo user "tom" (POSTGRES_USER in
-- compose.yaml). Runs once, when the postgres volume is empty (docker-entrypoint-initdb.d).
-- Demo only: in production every service gets its own role with rights on its own database alone.
CREATE DATABASE tom_assessment OWNER tom;
CREATE DATABASE tom_approval OWNER tom;
CREATE DATABASE tom_audit OWNER tom;
CREATE DATABASE tom_notification OWNER tom;
CREATE DATABASE keycloak OWNER tom;
