#!/usr/bin/env bash
# Sets a TOM Assure Kafka cluster up for the services, as its admin: the kafka-setup Job here, and the kafka-setup
# service of deploy/compose. Run once the brokers answer, and again at will
# (every step is idempotent). The same grants as the local stack's (deploy/local-stack: KafkaAccess): each service
# signs in as itself (SCRAM-SHA-512), writes only the topic it owns and its own dead letters, and reads only what it
# consumes, in its own consumer group. deploy/validation checks these lines against the services' configuration.
#
# Needs: BOOTSTRAP (host:port), ADMIN_CONFIG (client properties that sign in as a super user), SECRETS (a folder with
# <service>.password for each service), REPLICATION (replication factor of the topics: 1 on one broker, 3 on three).
set -euo pipefail
kafka=${KAFKA_HOME:-/opt/kafka}/bin
partitions=3

topic() {
  "$kafka/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN_CONFIG" --create --if-not-exists \
    --topic "$1" --partitions "$partitions" --replication-factor "$REPLICATION" --config min.insync.replicas="$(( REPLICATION > 1 ? 2 : 1 ))"
}
user() {
  "$kafka/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN_CONFIG" --alter \
    --entity-type users --entity-name "$1" --add-config "SCRAM-SHA-512=[iterations=8192,password=$(cat "$SECRETS/$1.password")]"
}
grant() { # grant <service> <Read|Write> <topic|group> <name>
  "$kafka/kafka-acls.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN_CONFIG" --add \
    --allow-principal "User:$1" --operation "$2" "--$3" "$4" --resource-pattern-type literal
}

for t in tom.assessment.events tom.approval.events tom.audit.events tom.notification.events \
         tom.approval.events.dlq.assessment-service tom.assessment.events.dlq.approval-service \
         tom.assessment.events.dlq.audit-service tom.approval.events.dlq.audit-service \
         tom.notification.events.dlq.audit-service tom.assessment.events.dlq.notification-service \
         tom.approval.events.dlq.notification-service; do
  topic "$t"
done
for s in assessment-service approval-service audit-service notification-service; do
  user "$s"
done

# The grants, one a line.
grant assessment-service Write topic tom.assessment.events
grant assessment-service Read topic tom.approval.events
grant assessment-service Write topic tom.approval.events.dlq.assessment-service
grant assessment-service Read group assessment-service
grant approval-service Write topic tom.approval.events
grant approval-service Read topic tom.assessment.events
grant approval-service Write topic tom.assessment.events.dlq.approval-service
grant approval-service Read group approval-service
grant audit-service Write topic tom.audit.events
grant audit-service Read topic tom.assessment.events
grant audit-service Write topic tom.assessment.events.dlq.audit-service
grant audit-service Read topic tom.approval.events
grant audit-service Write topic tom.approval.events.dlq.audit-service
grant audit-service Read topic tom.notification.events
grant audit-service Write topic tom.notification.events.dlq.audit-service
grant audit-service Read group audit-service
grant notification-service Write topic tom.notification.events
grant notification-service Read topic tom.assessment.events
grant notification-service Write topic tom.assessment.events.dlq.notification-service
grant notification-service Read topic tom.approval.events
grant notification-service Write topic tom.approval.events.dlq.notification-service
grant notification-service Read group notification-service
echo "Kafka is set up: topics, the services' users and their grants"
