#!/usr/bin/env bash
# Builds the example shop and the load generator, starts the shop on a free port of 127.0.0.1 in
# its own JVM, runs the load test against it and stops the shop, also on failure or Ctrl-C.
#
# Usage: loadtest/run.sh [generator options]    (defaults: --concurrency 8 --seconds 10 --rounds 4)
# SHOP_JAVA_OPTS adds JVM options to the shop, such as -XX:StartFlightRecording=filename=shop.jfr.
# SHOP_WEBHOOK_LOG_LEVEL sets the SDK's log level in the shop (default WARN; the shop's own default
# is INFO, which logs one line per delivery).
# SHOP_ARGS adds Spring Boot arguments, such as --server.tomcat.threads.max=50.
# SKIP_BUILD=1 reuses the jars from the last build.
set -euo pipefail

cd "$(dirname "$0")/.."
SHOP_JAR=examples/spring-boot-shop/target/dberi-webhooks-example-spring-boot-shop-0.1.0-SNAPSHOT-exec.jar
LOADTEST_JAR=loadtest/target/dberi-webhooks-loadtest.jar
SECRET="whsec_loadtest_$RANDOM$RANDOM"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -ntp -pl examples/spring-boot-shop,loadtest -am -DskipTests \
    -Dmaven.javadoc.skip -Dmaven.source.skip package
fi

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
SHOP_LOG=$(mktemp -t loadtest-shop.XXXXXX.log)

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

# shellcheck disable=SC2086
DBERI_WEBHOOK_SECRET="$SECRET" java ${SHOP_JAVA_OPTS:-} -jar "$SHOP_JAR" \
  --server.address=127.0.0.1 --server.port="$PORT" \
  --shop.loadtest.enabled=true \
  --dberi.webhooks.idempotency.store=memory \
  --logging.level.com.dberi.webhooks="${SHOP_WEBHOOK_LOG_LEVEL:-WARN}" \
  --spring.main.banner-mode=off \
  ${SHOP_ARGS:-} >"$SHOP_LOG" 2>&1 &
SHOP_PID=$!
stop_shop() {
  if kill -0 "$SHOP_PID" 2>/dev/null; then
    kill "$SHOP_PID"
    wait "$SHOP_PID" 2>/dev/null || true
  fi
}
trap stop_shop EXIT

# Waits up to 120 s for the shop to respond with 200 on its no-op endpoint.
ready=0
for _ in $(seq 1 240); do
  if curl -sf -o /dev/null -X POST --max-time 2 "http://127.0.0.1:$PORT/loadtest/noop" -d '{}'; then
    ready=1
    break
  fi
  if ! kill -0 "$SHOP_PID" 2>/dev/null; then
    echo "The shop exited during startup; its log is $SHOP_LOG" >&2
    exit 1
  fi
  sleep 0.5
done
if [[ "$ready" != 1 ]]; then
  echo "The shop did not respond with 200 on /loadtest/noop within 120 s; its log is $SHOP_LOG" >&2
  exit 1
fi
echo "shop pid $SHOP_PID on http://127.0.0.1:$PORT (log $SHOP_LOG)"

status=0
DBERI_WEBHOOK_SECRET="$SECRET" java -jar "$LOADTEST_JAR" --url "http://127.0.0.1:$PORT" \
  --concurrency 8 --seconds 10 --rounds 4 --warmup-seconds 10 "$@" || status=$?

stop_shop
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
