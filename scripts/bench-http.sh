#!/usr/bin/env bash
# HTTP benchmark: our server (http-bench-server) against nginx serving the same bytes, same machine, same run.
# Keep-alive, wrk -t2 -c50 for 10 s per case (BENCH_HTTP_SECONDS, BENCH_HTTP_CONNECTIONS override).
# Runnable alone after `swift build -c release` (it builds the bench product if the binary is missing).
# Installs wrk and nginx with apt-get when missing (needs root).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${BENCH_HTTP_SECONDS:-10}
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

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_port() {
  for _ in $(seq 100); do
    curl -sf -o /dev/null "http://127.0.0.1:$1/small.json" 2>/dev/null && return 0
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

# run PORT PATH → "rps p50_ms p99_ms"
run() {
  wrk -t"$threads" -c"$connections" -d1s "http://127.0.0.1:$1$2" >/dev/null 2>&1 || true   # warm-up
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "http://127.0.0.1:$1$2" | python3 -c '
import re, sys
text = sys.stdin.read()
def ms(v, unit): return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
lat = dict((p, ms(v, u)) for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", text, re.M))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: .*", text)
print("%.0f %.2f %.2f%s" % (rps, lat.get("50", 0), lat.get("99", 0), " !" if errors else ""))
'
}

echo "== HTTP: keep-alive, wrk -t$threads -c$connections -d${seconds}s, $(nproc) cores, nginx worker_processes $workers"
printf '%-12s %-8s %12s %10s %10s\n' payload server "req/s" "p50 ms" "p99 ms"
for path in /small.json /page.html; do
  read -r o_rps o_p50 o_p99 o_flag <<<"$(run "$ours_port" "$path")"
  read -r n_rps n_p50 n_p99 n_flag <<<"$(run "$nginx_port" "$path")"
  printf '%-12s %-8s %12s %10s %10s %s\n' "$path" ours "$o_rps" "$o_p50" "$o_p99" "${o_flag:-}"
  printf '%-12s %-8s %12s %10s %10s %s\n' "$path" nginx "$n_rps" "$n_p50" "$n_p99" "${n_flag:-}"
  python3 -c "import sys; print(f'{sys.argv[1]:<12} ratio    {float(sys.argv[2]) / float(sys.argv[3]):.2f} of nginx req/s')" "$path" "$o_rps" "$n_rps"
done
kill -TERM "$ours_pid"
if wait "$ours_pid"; then echo "http-bench-server: drained and exited 0 on SIGTERM"; else
  echo "http-bench-server: exit status $? after SIGTERM" >&2; tail -20 "$work/ours.log" >&2; ours_pid=""; exit 1; fi
ours_pid=""
