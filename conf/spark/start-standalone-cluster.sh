#!/usr/bin/env bash
# Start a Spark standalone cluster (a master and N workers) on this machine from the jars the build
# collected in jobs/target/spark-home, as the cluster tests do, and print the spark-submit line.
# Needs: mvn -DskipTests package. Stop it with: pkill -f org.apache.spark.deploy
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
workers="${1:-2}"
export SPARK_HOME="$top/jobs/target/spark-home" SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1 OMP_NUM_THREADS=1
[[ -d "$SPARK_HOME/jars" ]] || { echo "build first: mvn -DskipTests package" >&2; exit 2; }
flags="$(cat "$top/jobs/target/launcher/jvm-flags")"
logs="$top/target/standalone"; mkdir -p "$logs"
run() { # name, main class, args...
  local name="$1"; shift
  # shellcheck disable=SC2086
  nohup java -Xmx1g $flags -Dlog4j2.configurationFile="$top/conf/log4j2.properties" \
    -cp "$SPARK_HOME/jars/*" "$@" > "$logs/$name.log" 2>&1 &
}
run master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 7077 --webui-port 8080
sleep 3
for i in $(seq 1 "$workers"); do
  run "worker-$i" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 2g \
    --work-dir "$logs/work-$i" --webui-port $((8080 + i)) spark://127.0.0.1:7077
done
cat <<MSG
master: spark://127.0.0.1:7077 (web UI http://127.0.0.1:8080), $workers workers; logs in $logs
submit a sweep (Spark's own submit entry, what spark-submit runs):
  SPARK_HOME=$SPARK_HOME SPARK_LOCAL_IP=127.0.0.1 java $flags -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit \\
    --master spark://127.0.0.1:7077 --conf spark.executorEnv.OMP_NUM_THREADS=1 \\
    $top/jobs/target/jobs-*-spark.jar sweep $top/conf/sweeps/quickstart.yaml --out /tmp/bpl-results
MSG
