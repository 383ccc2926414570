#!/usr/bin/env bash
# Audit log at one million entries: append throughput, full-chain verification, inclusion proofs.
# Writes docs/benchmarks/audit-log.md. Needs only a JDK (embedded PostgreSQL). Takes several minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp install -DskipTests -pl bench -am
exec ./mvnw -B -q -ntp -pl bench exec:java -Dexec.args="" -Dentries="${ENTRIES:-1000000}" "$@"
