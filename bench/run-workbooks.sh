#!/usr/bin/env bash
# TOM workbook import and export: time (cold and warm) and peak heap, for the real e-RS and SMSP workbooks.
# Writes docs/benchmarks/workbooks.md. Runs in its own JVM capped at -Xmx256m, the target's heap bound.
# Needs ../shared/tom-workbooks (or TOM_WORKBOOKS=<folder>). Takes about a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp install -DskipTests -pl bench -am
exec ./mvnw -B -q -ntp -pl bench exec:exec -Dexec.executable=java \
  -Dexec.workingdir="$PWD" \
  -Dexec.args="-Xmx256m -XX:+UseSerialGC -cp %classpath io.tomassure.bench.WorkbookBench" "$@"
