#!/usr/bin/env bash
# One load-tool run against a fresh embedded OrleansChat gateway (one process, in-memory silo):
#
#   bash bench/single.sh [--gateway-bin DIR] [--env KEY=VALUE]... -- LOADTOOL-ARGS...
#
# Starts the gateway (Release build of this tree unless --gateway-bin) on free loopback ports with
# the leak-audit endpoint enabled, runs the load tool with --url, --server-pid and (churn) --audit-url
# added, prints its output, and stops exactly the gateway it started. The hot-path before/after
# figures in docs/benchmarks.md are taken with it. No build: run `dotnet build -c Release` first.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
gateway_bin="$root/Gateway/bin/Release/net10.0"
extra_env=()
while (($# > 0)); do
  case "$1" in
    --gateway-bin) gateway_bin=$(cd "$2" && pwd); shift 2 ;;
    --env) extra_env+=("$2"); shift 2 ;;
    --) shift; break ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
tool="$root/bench/LoadTool/bin/Release/net10.0/OrleansChat.LoadTool.dll"
[[ -f $gateway_bin/OrleansChat.Gateway.dll && -f $tool ]] ||
  { echo "build first: dotnet build -c Release Gateway && dotnet build -c Release bench/LoadTool" >&2; exit 2; }
ulimit -n 65536 2>/dev/null || true

free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "no free port found" >&2
  return 1
}

port=$(free_port) silo=$(free_port) gw=$(free_port) cluster="single$RANDOM"
log=$(mktemp -t orleanschat-gateway.XXXXXX.log)
env ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning Gateway__Diagnostics__Enabled=true \
  Orleans__SiloPort="$silo" Orleans__GatewayPort="$gw" Orleans__ClusterId="$cluster" Orleans__ServiceId="$cluster" \
  "${extra_env[@]}" dotnet "$gateway_bin/OrleansChat.Gateway.dll" --urls "http://127.0.0.1:$port" --contentRoot "$gateway_bin" \
  >"$log" 2>&1 &
gateway_pid=$!
trap 'kill "$gateway_pid" 2>/dev/null || true; wait "$gateway_pid" 2>/dev/null || true' EXIT
url="http://127.0.0.1:$port"
deadline=$((SECONDS + 90))
until curl -sf -o /dev/null "$url/readyz"; do
  kill -0 "$gateway_pid" 2>/dev/null || { echo "the gateway exited; see $log" >&2; exit 2; }
  ((SECONDS < deadline)) || { echo "the gateway was not ready within 90 s; see $log" >&2; exit 2; }
  sleep 0.3
done
echo "gateway pid $gateway_pid on $url (log $log); load average $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$tool" --url "$url" --server-pid "$gateway_pid" --audit-url "$url/diagnostics/hygiene" "$@"
