#!/usr/bin/env bash
# A local OrleansChat cluster on loopback: one redis-server, two silos, two gateways.
#   scripts/cluster.sh start    build, start everything, wait until ready
#   scripts/cluster.sh status   one line per component and whether it runs
#   scripts/cluster.sh stop     stop exactly the processes this script started (SIGTERM: silos hand over gracefully)
# Every start prints one line per component: "<kind> <url-or-port> <pid>".
# Build: OC_CONFIGURATION (default Release) is the configuration built and run; OC_NO_BUILD=1 runs the
# outputs already built in that configuration (e.g. by the test run) without building again.
# OC_READY_TIMEOUT (seconds, default 90): how long start waits for each process to be ready.
# Ports: OC_PORT_OFFSET shifts all defaults (run two clusters side by side with offsets 0 and 100),
# or set each one: OC_REDIS_PORT, OC_SILO{1,2}_PORT, OC_SILO{1,2}_GATEWAY_PORT, OC_SILO{1,2}_HTTP_PORT,
# OC_SILO{1,2}_DASHBOARD_PORT, OC_GATEWAY{1,2}_PORT. State and logs: OC_CLUSTER_DIR (default .run/cluster-<offset>).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

offset=${OC_PORT_OFFSET:-0}
redis_port=${OC_REDIS_PORT:-$((6380 + offset))}
silo1_port=${OC_SILO1_PORT:-$((11111 + offset))}
silo2_port=${OC_SILO2_PORT:-$((11112 + offset))}
silo1_gw=${OC_SILO1_GATEWAY_PORT:-$((30000 + offset))}
silo2_gw=${OC_SILO2_GATEWAY_PORT:-$((30001 + offset))}
silo1_http=${OC_SILO1_HTTP_PORT:-$((8181 + offset))}
silo2_http=${OC_SILO2_HTTP_PORT:-$((8182 + offset))}
silo1_dash=${OC_SILO1_DASHBOARD_PORT:-$((8281 + offset))}
silo2_dash=${OC_SILO2_DASHBOARD_PORT:-$((8282 + offset))}
gw1_port=${OC_GATEWAY1_PORT:-$((5081 + offset))}
gw2_port=${OC_GATEWAY2_PORT:-$((5082 + offset))}
state=${OC_CLUSTER_DIR:-$root/.run/cluster-$offset}
config=${OC_CONFIGURATION:-Release}
environment=${OC_ENVIRONMENT:-Development}
cluster_id=${OC_CLUSTER_ID:-orleanschat-local-$offset}
redis_cs="127.0.0.1:$redis_port,abortConnect=false"
ready_timeout=${OC_READY_TIMEOUT:-90}

silo_dll=$root/Silo/bin/$config/net10.0/OrleansChat.Silo.dll
gateway_dll=$root/Gateway/bin/$config/net10.0/OrleansChat.Gateway.dll

# The program each component runs, to recognise its process (a stale pid file must never stop a stranger).
program() { case $1 in redis) echo redis-server ;; silo*) echo OrleansChat.Silo.dll ;; gateway*) echo OrleansChat.Gateway.dll ;; esac; }

# Alive and ours: running (an exited process nobody reaped is a zombie, not alive) and running our program.
alive() { # name pid
  local stat
  stat=$(ps -o stat= -p "$2" 2>/dev/null) || return 1
  [[ $stat != Z* ]] && ps -o args= -p "$2" 2>/dev/null | grep -qF "$(program "$1")"
}

running() { [[ -f "$state/$1.pid" ]] && alive "$1" "$(cat "$state/$1.pid")"; }

wait_ready() { # name url seconds
  local name=$1 url=$2 deadline=$((SECONDS + $3))
  until curl -fs -o /dev/null --max-time 2 "$url"; do
    if ! running "$name"; then
      echo "$name exited while starting; last log lines:" >&2
      tail -n 30 "$state/$name.log" >&2 || true
      return 1
    fi
    if ((SECONDS > deadline)); then
      echo "$name not ready at $url within $3 s; last log lines:" >&2
      tail -n 30 "$state/$name.log" >&2 || true
      return 1
    fi
    sleep 0.3
  done
}

start_silo() { # name silo-port gateway-port http-port dashboard-port
  local name=$1
  Redis__ConnectionString=$redis_cs Orleans__ClusterId=$cluster_id Orleans__ServiceId=orleanschat-local \
  Orleans__SiloPort=$2 Orleans__GatewayPort=$3 Orleans__AdvertisedIPAddress=127.0.0.1 \
  Dashboard__Port=$5 ASPNETCORE_URLS=http://127.0.0.1:$4 ASPNETCORE_ENVIRONMENT=$environment \
    dotnet "$silo_dll" >"$state/$name.log" 2>&1 &
  echo $! >"$state/$name.pid"
}

start_gateway() { # name http-port
  local name=$1
  Redis__ConnectionString=$redis_cs Orleans__ClusterId=$cluster_id Orleans__ServiceId=orleanschat-local \
  Orleans__Mode=Client ASPNETCORE_URLS=http://127.0.0.1:$2 ASPNETCORE_ENVIRONMENT=$environment \
    dotnet "$gateway_dll" >"$state/$name.log" 2>&1 &
  echo $! >"$state/$name.pid"
}

stop_group() { # grace-seconds name...: SIGTERM to each, wait up to the grace for all, SIGKILL what is left
  local grace=$1 n
  shift
  local -A pids=()
  for n in "$@"; do
    if running "$n"; then pids[$n]=$(cat "$state/$n.pid"); kill -TERM "${pids[$n]}" 2>/dev/null || true; fi
  done
  local deadline=$((SECONDS + grace))
  for n in "${!pids[@]}"; do
    while alive "$n" "${pids[$n]}" && ((SECONDS < deadline)); do sleep 0.1; done
    if alive "$n" "${pids[$n]}"; then
      echo "$n (pid ${pids[$n]}) did not stop within $grace s; killing it" >&2
      kill -KILL "${pids[$n]}" 2>/dev/null || true
    fi
    echo "$n ${pids[$n]} stopped"
  done
  for n in "$@"; do rm -f "$state/$n.pid"; done
}

describe() {
  printf '%s\n' "redis $redis_port" "silo http://127.0.0.1:$silo1_http" "silo http://127.0.0.1:$silo2_http" \
    "gateway http://127.0.0.1:$gw1_port" "gateway http://127.0.0.1:$gw2_port"
}

names=(redis silo1 silo2 gateway1 gateway2)

case "${1:-}" in
  start)
    command -v redis-server >/dev/null || { echo "redis-server is missing: apt-get install -y redis-server" >&2; exit 1; }
    mkdir -p "$state"
    for n in "${names[@]}"; do
      if running "$n"; then echo "$n is already running (pid $(cat "$state/$n.pid")); run '$0 stop' first" >&2; exit 1; fi
    done
    if [[ "${OC_NO_BUILD:-0}" != 1 ]]; then
      dotnet build OrleansChat.sln -c "$config" -v quiet -nologo >"$state/build.log" 2>&1 || { tail -n 40 "$state/build.log" >&2; exit 1; }
    fi
    for dll in "$silo_dll" "$gateway_dll"; do
      [[ -f $dll ]] || { echo "$dll is not built: run without OC_NO_BUILD=1, or build -c $config first" >&2; exit 1; }
    done
    redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly yes --appendfsync everysec --dir "$state" --loglevel warning >"$state/redis.log" 2>&1 &
    echo $! >"$state/redis.pid"
    for _ in $(seq 1 100); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
    start_silo silo1 "$silo1_port" "$silo1_gw" "$silo1_http" "$silo1_dash"
    wait_ready silo1 "http://127.0.0.1:$silo1_http/readyz" "$ready_timeout"
    start_silo silo2 "$silo2_port" "$silo2_gw" "$silo2_http" "$silo2_dash"
    start_gateway gateway1 "$gw1_port"
    start_gateway gateway2 "$gw2_port"
    wait_ready silo2 "http://127.0.0.1:$silo2_http/readyz" "$ready_timeout"
    wait_ready gateway1 "http://127.0.0.1:$gw1_port/readyz" "$ready_timeout"
    wait_ready gateway2 "http://127.0.0.1:$gw2_port/readyz" "$ready_timeout"
    echo "redis $redis_port $(cat "$state/redis.pid")"
    echo "silo http://127.0.0.1:$silo1_http $(cat "$state/silo1.pid")"
    echo "silo http://127.0.0.1:$silo2_http $(cat "$state/silo2.pid")"
    echo "gateway http://127.0.0.1:$gw1_port $(cat "$state/gateway1.pid")"
    echo "gateway http://127.0.0.1:$gw2_port $(cat "$state/gateway2.pid")"
    ;;
  stop)
    # Gateways first (together), then one silo at a time (graceful: each hands its grains and queues
    # over, within Orleans:ShutdownTimeout, 30 s), Redis last.
    stop_group 10 gateway1 gateway2
    stop_group 40 silo2
    stop_group 40 silo1
    stop_group 10 redis
    ;;
  status)
    mapfile -t lines < <(describe)
    for i in "${!names[@]}"; do
      n=${names[$i]}
      if running "$n"; then echo "${lines[$i]} $(cat "$state/$n.pid") running"; else echo "${lines[$i]} - stopped"; fi
    done
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
