#!/usr/bin/env bash
# Creates every Kafka topic the suite uses, with partitions, replication and retention set.
# The brokers run with auto.create.topics.enable=false, so this step runs before the services
# (compose: the one-shot `kafka-init` service; Kubernetes: the Strimzi KafkaTopic resources in
# deploy/k8s/base/kafka/topics.yaml carry the same settings).
#
# Idempotent: an existing topic is left as it is, except that its partition count is raised to the
# wanted one (Kafka cannot lower it) and its configuration is set again.
#
#   ZF_KAFKA_BOOTSTRAP=kafka:9092 ZF_TOPIC_PARTITIONS=6 ZF_TOPIC_REPLICATION=3 deploy/create-topics.sh
#
# Needs Kafka's own kafka-topics.sh and kafka-configs.sh (on PATH, or under $KAFKA_HOME/bin;
# the apache/kafka image has them in /opt/kafka/bin).
#
# The list mirrors event-contracts' io.zhengfeng.contracts.Topics (deploy-tests checks that it does).
set -euo pipefail

BOOTSTRAP="${ZF_KAFKA_BOOTSTRAP:-localhost:9092}"
PARTITIONS="${ZF_TOPIC_PARTITIONS:-6}"
REPLICATION="${ZF_TOPIC_REPLICATION:-1}"
# A write is acknowledged by two copies when there are at least three (acks=all in the producers).
MIN_ISR=$(( REPLICATION >= 3 ? 2 : 1 ))
KAFKA_BIN="${KAFKA_HOME:-/opt/kafka}/bin"
topics_cmd() { if command -v kafka-topics.sh >/dev/null; then kafka-topics.sh "$@"; else "$KAFKA_BIN/kafka-topics.sh" "$@"; fi; }
configs_cmd() { if command -v kafka-configs.sh >/dev/null; then kafka-configs.sh "$@"; else "$KAFKA_BIN/kafka-configs.sh" "$@"; fi; }

DAY_MS=86400000
# name partitions config
TOPICS=(
  "zhengfeng.complaints       $PARTITIONS retention.ms=$((14 * DAY_MS))"
  "zhengfeng.surveys          $PARTITIONS retention.ms=$((14 * DAY_MS))"
  "zhengfeng.inspections      $PARTITIONS retention.ms=$((14 * DAY_MS))"
  "zhengfeng.notifications    $PARTITIONS retention.ms=$((14 * DAY_MS))"
  "zhengfeng.accounts         $PARTITIONS retention.ms=$((14 * DAY_MS))"
  # One record per year, keyed by the year, read whole from the beginning by every replica.
  "zhengfeng.calendar         1           cleanup.policy=compact,min.compaction.lag.ms=0"
  # Dead letters wait for a person: kept longer, few partitions (little traffic).
  "zhengfeng.complaints.dlt    1 retention.ms=$((90 * DAY_MS))"
  "zhengfeng.surveys.dlt       1 retention.ms=$((90 * DAY_MS))"
  "zhengfeng.inspections.dlt   1 retention.ms=$((90 * DAY_MS))"
  "zhengfeng.notifications.dlt 1 retention.ms=$((90 * DAY_MS))"
  "zhengfeng.accounts.dlt      1 retention.ms=$((90 * DAY_MS))"
  "zhengfeng.calendar.dlt      1 retention.ms=$((90 * DAY_MS))"
)

# One look at what exists (each kafka-*.sh call starts a JVM): "name partitions" per line.
existing=$(topics_cmd --bootstrap-server "$BOOTSTRAP" --describe --exclude-internal 2>/dev/null \
  | sed -n 's/^Topic: *\([^[:space:]]*\).*PartitionCount: *\([0-9]*\).*/\1 \2/p' || true)

for line in "${TOPICS[@]}"; do
  read -r name parts config <<<"$line"
  config="$config,min.insync.replicas=$MIN_ISR"
  current=$(awk -v t="$name" '$1 == t { print $2 }' <<<"$existing")
  if [[ -z "$current" ]]; then
    args=()
    IFS=',' read -ra kvs <<<"$config"
    for kv in "${kvs[@]}"; do args+=(--config "$kv"); done
    topics_cmd --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$name" \
      --partitions "$parts" --replication-factor "$REPLICATION" "${args[@]}"
  else
    if [[ "$current" -lt "$parts" ]]; then
      topics_cmd --bootstrap-server "$BOOTSTRAP" --alter --topic "$name" --partitions "$parts"
    fi
    configs_cmd --bootstrap-server "$BOOTSTRAP" --alter --entity-type topics --entity-name "$name" \
      --add-config "$config" >/dev/null
  fi
  echo "topic $name: partitions>=$parts replication=$REPLICATION $config"
done
