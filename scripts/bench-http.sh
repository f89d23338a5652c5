#!/usr/bin/env bash
# HTTP benchmark: our server (http-bench-server) against nginx serving the same bytes, same machine, same run.
# Keep-alive, wrk -t2 -c50. Each case runs BENCH_HTTP_ROUNDS rounds (default 3) of BENCH_HTTP_SECONDS (default 5),
# ours and nginx alternating (ours first, then nginx first, …) so a change in background load hits both alike.
# Printed per server: median req/s, median p50/p99, and the server's own CPU time per request (from
# /proc/<pid>/stat, all threads; nginx: its workers), which moves much less with background load than req/s.
# Ratios: median of the per-round req/s ratios, and nginx's CPU per request over ours (1.0 = as efficient).
# Runnable alone after `swift build -c release` (it builds the bench product if the binary is missing);
# BENCH_SERVER=path picks another build. Installs wrk and nginx with apt-get when missing (needs root).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
seconds=${BENCH_HTTP_SECONDS:-5}
rounds=${BENCH_HTTP_ROUNDS:-3}
connections=${BENCH_HTTP_CONNECTIONS:-50}
threads=${BENCH_HTTP_THREADS:-2}
workers=${BENCH_HTTP_WORKERS:-2}
BENCH_SERVER=${BENCH_SERVER:-}
if [ -z "$BENCH_SERVER" ]; then
  for candidate in .build/release/http-bench-server .build-http/release/http-bench-server; do
    [ -x "$candidate" ] && BENCH_SERVER=$candidate && break
  done
fi
if [ -z "$BENCH_SERVER" ]; then
  swift build -c release --product http-bench-server
  BENCH_SERVER=.build/release/http-bench-server
fi
if ! command -v wrk >/dev/null || { ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; }; then
  [ "$(id -u)" = 0 ] || { echo "bench-http: wrk and nginx are needed (run as root to install them)" >&2; exit 1; }
  apt-get install -y -qq wrk nginx-light >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk nginx >/dev/null; }
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d /tmp/clickstream-bench-http.XXXXXX)
chmod 755 "$work"
ours_pid=""; nginx_pid=""
cleanup() {
  [ -n "$ours_pid" ] && kill "$ours_pid" 2>/dev/null && wait "$ours_pid" 2>/dev/null || true
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

wait_port() {
  for _ in $(seq 100); do
    python3 -c "import socket,sys; s=socket.create_connection(('127.0.0.1',$1),0.2); s.close()" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "bench-http: nothing listening on port $1" >&2; exit 1
}

mkdir -p "$work/www" "$work/nginx"
"$BENCH_SERVER" --write-payloads "$work/www"
ours_port=$(free_port)
"$BENCH_SERVER" "$ours_port" 2>"$work/ours.log" &
ours_pid=$!
nginx_port=$(free_port)
user_line=""; [ "$(id -u)" = 0 ] && user_line="user root;"
cat > "$work/nginx/nginx.conf" <<CONF
$user_line
worker_processes $workers;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 100000;
  types { application/json json; text/html html; }
  client_body_temp_path $work/nginx/body; proxy_temp_path $work/nginx/proxy; fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi; scgi_temp_path $work/nginx/scgi;
  server { listen 127.0.0.1:$nginx_port; root $work/www; }
}
CONF
"$NGINX" -c "$work/nginx/nginx.conf" -p "$work/nginx" 2>"$work/nginx/stderr.log" &
nginx_pid=$!
wait_port "$ours_port"; wait_port "$nginx_port"
nginx_workers=$(pgrep -P "$nginx_pid" | tr '\n' ' ')

# CPU ticks (utime + stime, all threads) of the given processes.
cpu_ticks() { local total=0 pid; for pid in "$@"; do total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done; echo "$total"; }

# measure NAME PORT PATH → appends "name rps p50_ms p99_ms cpu_us_per_request errors" to $work/results
measure() {
  local name=$1 port=$2 path=$3 pids before after
  if [ "$name" = ours ]; then pids=$ours_pid; else pids=$nginx_workers; fi
  # shellcheck disable=SC2086
  before=$(cpu_ticks $pids)
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "http://127.0.0.1:$port$path" >"$work/wrk.out"
  # shellcheck disable=SC2086
  after=$(cpu_ticks $pids)
  python3 - "$name" "$((after - before))" "$(getconf CLK_TCK)" "$work/wrk.out" >>"$work/results" <<'PY'
import re, sys
name, ticks, hz = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
text = open(sys.argv[4]).read()
def ms(v, unit): return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
count = int(re.search(r"(\d+) requests in", text).group(1))
lat = dict((p, ms(v, u)) for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", text, re.M))
errors = 1 if re.search(r"Non-2xx or 3xx responses|Socket errors", text) else 0
print(name, rps, lat.get("50", 0), lat.get("99", 0), ticks / hz * 1e6 / max(count, 1), errors)
PY
}

echo "== HTTP: keep-alive, wrk -t$threads -c$connections, $rounds rounds x ${seconds}s each, alternating; $(nproc) cores," \
  "nginx worker_processes $workers; load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-12s %-6s %10s %8s %8s %12s\n' payload server "req/s" "p50 ms" "p99 ms" "CPU us/req"
for path in /small.json /page.html; do
  for server in ours nginx; do
    port=$ours_port; [ "$server" = nginx ] && port=$nginx_port
    wrk -t"$threads" -c"$connections" -d1s "http://127.0.0.1:$port$path" >/dev/null 2>&1 || true   # warm-up
  done
  : >"$work/results"
  for round in $(seq "$rounds"); do
    if [ $((round % 2)) = 1 ]; then order="ours nginx"; else order="nginx ours"; fi
    for server in $order; do
      port=$ours_port; [ "$server" = nginx ] && port=$nginx_port
      measure "$server" "$port" "$path"
    done
  done
  python3 - "$path" "$work/results" <<'PY'
import statistics, sys
path = sys.argv[1]
rows = [line.split() for line in open(sys.argv[2]) if line.strip()]
by = {"ours": [], "nginx": []}
for name, rps, p50, p99, cpu, errors in rows:
    by[name].append((float(rps), float(p50), float(p99), float(cpu), int(errors)))
med = lambda name, i: statistics.median(r[i] for r in by[name])
for name in ("ours", "nginx"):
    flag = " (errors)" if any(r[4] for r in by[name]) else ""
    print(f"{path:<12} {name:<6} {med(name, 0):>10,.0f} {med(name, 1):>8.2f} {med(name, 2):>8.2f} {med(name, 3):>12.1f}{flag}")
ratios = [o[0] / n[0] for o, n in zip(by["ours"], by["nginx"])]
print(f"{path:<12} ratio  {statistics.median(ratios):.2f} of nginx req/s (rounds {', '.join(f'{r:.2f}' for r in ratios)});"
      f" CPU per request {med('nginx', 3) / med('ours', 3):.2f} of nginx's efficiency")
PY
done
kill -TERM "$ours_pid"
if wait "$ours_pid"; then echo "http-bench-server: drained and exited 0 on SIGTERM"; else
  echo "http-bench-server: exit status $? after SIGTERM" >&2; tail -20 "$work/ours.log" >&2; ours_pid=""; exit 1; fi
ours_pid=""
