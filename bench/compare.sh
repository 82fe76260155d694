#!/usr/bin/env bash
# OrleansChat vs ASP.NET Core SignalR + Redis backplane, under the same load shapes.
#
#   bash bench/compare.sh [--quick] [--out DIR] [--targets "orleanschat signalr"] [--orleans embedded|cluster]
#                         [--gateway-bin DIR]   (an already built Gateway output folder; default: build this tree)
#                         [--clients N] [--senders N] [--base-rate R] [--sweep "R1 R2 ..."] [--only-steady]
#   (the load shape: N clients in 20 rooms, N senders per room at R messages/s each, then a sweep of rates;
#    --only-steady skips churn and idle, for the shapes of the issue's goals, e.g. --clients 400 --senders 4 --base-rate 10)
#
# Starts its own redis-server, the OrleansChat side (embedded: one gateway co-hosting an in-memory
# silo; cluster: scripts/cluster.sh's two silos and two gateways on Redis) and two SignalR peer
# nodes on free loopback ports; runs the load tool against each (idle, steady, a rate sweep, churn); stops exactly what
# it started; prints a side-by-side table with ratios and writes results.jsonl, compare.md and
# chart.svg (+ chart.png when rsvg-convert is installed) to DIR (default bench/results/<utc time>).
# Each target first gets an unrecorded warm-up at the base shape (30 s; 3 s with --quick).
# A full run takes about 9 minutes on 2 cores, --quick about 1 minute.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

quick=0
out=""
targets="orleanschat signalr"
orleans=embedded
gateway_bin_override=""
clients_override="" senders_override="" base_rate_override="" sweep_override="" only_steady=0
while (($# > 0)); do
  case "$1" in
    --quick) quick=1; shift ;;
    --out) out=$2; shift 2 ;;
    --targets) targets=$2; shift 2 ;;
    --orleans) orleans=$2; shift 2 ;;
    --gateway-bin) gateway_bin_override=$(cd "$2" && pwd); shift 2 ;;
    --clients) clients_override=$2; shift 2 ;;
    --senders) senders_override=$2; shift 2 ;;
    --base-rate) base_rate_override=$2; shift 2 ;;
    --sweep) sweep_override=$2; shift 2 ;;
    --only-steady) only_steady=1; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ -z $out ]] && out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
out=$(cd "$out" && pwd)
results="$out/results.jsonl"
: >"$results"

# Load shapes (full / quick). Whole run < 10 min full, ~1 min quick.
if ((quick)); then
  warm=3 warmup=2 duration=5 sweep_duration=3 drain=3 sweep_rates="20" churn_cycles=200 idle_conns=500 hold=2
else
  warm=30 warmup=5 duration=20 sweep_duration=6 drain=5 sweep_rates="7.5 10 20 40" churn_cycles=2000 idle_conns=5000 hold=5
fi
clients=200 rooms=20 senders=2 base_rate=5 size=100 churn_concurrency=20
clients=${clients_override:-$clients} senders=${senders_override:-$senders} base_rate=${base_rate_override:-$base_rate}
sweep_rates=${sweep_override:-$sweep_rates}

# 5,000 idle sockets need 5,000+ descriptors on each side (plus the servers').
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if (($(ulimit -n) < 2 * idle_conns + 1000)); then
  echo "warning: ulimit -n is $(ulimit -n); the idle run may fail to open $idle_conns connections" >&2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
logs="$out/logs"
mkdir -p "$logs"
pids=()

cluster_env=()
cleanup() {
  local status=$?
  if ((${#cluster_env[@]} > 0)); then
    env "${cluster_env[@]}" bash scripts/cluster.sh stop >/dev/null 2>&1 || true
  fi
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

stop() { # pids...: stop exactly these children and forget them
  local pid keep=()
  for pid in "$@"; do kill "$pid" 2>/dev/null || true; done
  for pid in "$@"; do wait "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    [[ " $* " == *" $pid "* ]] || keep+=("$pid")
  done
  pids=("${keep[@]}")
}

wait_http() { # url seconds pid
  local deadline=$((SECONDS + $2))
  until curl -sf -o /dev/null "$1"; do
    if ! kill -0 "$3" 2>/dev/null; then
      echo "process $3 exited before $1 answered; see $logs" >&2
      return 1
    fi
    if ((SECONDS > deadline)); then
      echo "$1 did not answer within $2 s; see $logs" >&2
      return 1
    fi
    sleep 0.3
  done
}

echo "== building (Release)"
for project in Gateway/Gateway.csproj Silo/Silo.csproj bench/peers/SignalR/SignalRPeer.csproj bench/LoadTool/LoadTool.csproj; do
  dotnet build "$project" -c Release -v quiet -nologo >"$logs/build-$(basename "$project" .csproj).log" 2>&1 ||
    { echo "build of $project failed: $logs/build-$(basename "$project" .csproj).log" >&2; exit 2; }
done
gateway_bin="${gateway_bin_override:-$root/Gateway/bin/Release/net10.0}"
peer_bin="$root/bench/peers/SignalR/bin/Release/net10.0"
tool="$root/bench/LoadTool/bin/Release/net10.0/OrleansChat.LoadTool.dll"

echo "== redis"
redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --maxclients 20000 >"$logs/redis.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
redis-cli -p "$redis_port" ping >/dev/null || { echo "redis-server did not start; see $logs/redis.log" >&2; exit 2; }
redis="127.0.0.1:$redis_port,abortConnect=false"

# The OrleansChat side. Sets orleans_urls (gateways, comma-separated) and orleans_pids (every
# OrleansChat server process, for the memory figure). Swap or extend this function freely: the
# rest only needs URLs and pids.
start_orleanschat() {
  orleans_urls="" orleans_pids=()
  case "$orleans" in
    embedded)
      local port silo gw cluster="bench$RANDOM"
      port=$(free_port) silo=$(free_port) gw=$(free_port)
      ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning Gateway__Diagnostics__Enabled=true \
        Orleans__SiloPort="$silo" Orleans__GatewayPort="$gw" Orleans__ClusterId="$cluster" Orleans__ServiceId="$cluster" \
        dotnet "$gateway_bin/OrleansChat.Gateway.dll" --urls "http://127.0.0.1:$port" --contentRoot "$gateway_bin" \
        >"$logs/gateway.log" 2>&1 &
      pids+=($!)
      orleans_pids+=($!)
      orleans_urls="http://127.0.0.1:$port"
      wait_http "$orleans_urls/healthz" 90 "$!"
      wait_http "$orleans_urls/readyz" 90 "${orleans_pids[0]}"
      ;;
    cluster)
      # scripts/cluster.sh owns its processes (pid files in OC_CLUSTER_DIR) and stops exactly them.
      local offset
      offset=$(free_offset)
      cluster_env=(OC_PORT_OFFSET="$offset" OC_CLUSTER_DIR="$out/cluster" OC_NO_BUILD=1 OC_ENVIRONMENT=Development
        OC_CLUSTER_ID="bench$RANDOM" Gateway__Diagnostics__Enabled=true)
      local kind url pid
      while read -r kind url pid; do
        case "$kind" in
          gateway) orleans_urls+="${orleans_urls:+,}$url"; orleans_pids+=("$pid") ;;
          silo) orleans_pids+=("$pid") ;;
          *) ;;
        esac
      done < <(env "${cluster_env[@]}" bash scripts/cluster.sh start 2>"$logs/cluster-start.log")
      [[ -n $orleans_urls ]] || { tail -n 20 "$logs/cluster-start.log" >&2; echo "scripts/cluster.sh start printed no gateway; see $out/cluster" >&2; exit 2; }
      ;;
    *) echo "--orleans must be embedded or cluster" >&2; exit 2 ;;
  esac
}

stop_orleanschat() {
  if [[ $orleans == cluster ]]; then
    env "${cluster_env[@]}" bash scripts/cluster.sh stop >/dev/null
    cluster_env=()
  else
    stop "${orleans_pids[@]}"
  fi
}

# A port offset for scripts/cluster.sh whose ten ports are all free.
free_offset() {
  local offset base busy
  for _ in $(seq 1 50); do
    offset=$((1000 + (RANDOM % 200) * 100))
    busy=0
    for base in 6380 11111 11112 30000 30001 8181 8182 8281 8282 5081 5082; do
      if (exec 3<>"/dev/tcp/127.0.0.1/$((base + offset))") 2>/dev/null; then busy=1; break; fi
    done
    if ((busy == 0)); then echo "$offset"; return 0; fi
  done
  echo "no free port offset for scripts/cluster.sh" >&2
  return 1
}

# Two SignalR peer nodes sharing the Redis backplane. Sets signalr_urls and signalr_pids.
start_signalr() {
  signalr_urls="" signalr_pids=()
  local i port
  for i in 1 2; do
    port=$(free_port)
    Peer__Redis="$redis" Peer__KeyPrefix="bench$RANDOM" dotnet "$peer_bin/OrleansChat.SignalRPeer.dll" \
      --urls "http://127.0.0.1:$port" --contentRoot "$peer_bin" >"$logs/signalr-$i.log" 2>&1 &
    pids+=($!)
    signalr_pids+=($!)
    signalr_urls+="${signalr_urls:+,}http://127.0.0.1:$port"
  done
  for i in 1 2; do
    wait_http "$(cut -d, -f"$i" <<<"$signalr_urls")/healthz" 60 "${signalr_pids[$((i - 1))]}"
  done
}

load() { # target urls label args...
  local target=$1 urls=$2 label=$3
  shift 3
  echo "-- $target $label (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  local status=0
  dotnet "$tool" --target "$target" --url "$urls" --label "$label" --quiet "$@" >"$logs/$target-$label.log" 2>&1 || status=$?
  grep -v '^RESULT ' "$logs/$target-$label.log" | sed -n '/^---/,/^---/p' | sed 's/^/   /'
  grep '^RESULT ' "$logs/$target-$label.log" >>"$results" || true
  if ((status != 0)); then
    echo "   load tool exited with $status: $(tail -n 3 "$logs/$target-$label.log")" >&2
  fi
}

# Unrecorded traffic at the base shape, so that the first measured run meets warm processes (JIT tiers,
# connection pools, grain directory caches) as every later one does; the same for each target.
warm_up() { # target urls
  echo "-- $1 warm-up: ${warm} s at the base shape, not recorded"
  dotnet "$tool" --target "$1" --url "$2" --label warm-up --quiet --clients $clients --rooms $rooms --senders $senders \
    --rate $base_rate --size $size --warmup 0 --duration "$warm" --drain 2 >"$logs/$1-warm-up.log" 2>&1 \
    || echo "   warm-up exited with $?: $(tail -n 3 "$logs/$1-warm-up.log")" >&2
}

run_shapes() { # target urls pids...
  local target=$1 urls=$2
  shift 2
  local pid_args=()
  for pid in "$@"; do pid_args+=(--server-pid "$pid"); done
  warm_up "$target" "$urls"
  load "$target" "$urls" "sweep-$base_rate" --clients $clients --rooms $rooms --senders $senders --rate $base_rate \
    --size $size --warmup "$warmup" --duration "$duration" --drain "$drain"
  for rate in $sweep_rates; do
    load "$target" "$urls" "sweep-$rate" --clients $clients --rooms $rooms --senders $senders --rate "$rate" \
      --size $size --warmup 2 --duration "$sweep_duration" --drain "$drain"
  done
  ((only_steady)) && return 0
  load "$target" "$urls" churn --mode churn --cycles "$churn_cycles" --concurrency $churn_concurrency --rooms $rooms \
    "${pid_args[@]}" ${audit_url:+--audit-url "$audit_url"}
  # Idle last: tearing down 5,000 sessions keeps a server busy for a while, which would skew the
  # latency runs after it. The memory figure is then the marginal cost on a warmed-up process.
  load "$target" "$urls" idle --mode idle --connections "$idle_conns" --hold "$hold" "${pid_args[@]}" \
    --connect-concurrency 100 --max-run-time 300
}

started=$SECONDS
for target in $targets; do
  case "$target" in
    orleanschat)
      echo "== orleanschat ($orleans)"
      start_orleanschat
      # The leak audit: the first gateway's own counts plus the cluster-wide ones.
      audit_url="${ORLEANSCHAT_AUDIT_URL:-${orleans_urls%%,*}/diagnostics/hygiene}"
      run_shapes orleanschat "$orleans_urls" "${orleans_pids[@]}"
      stop_orleanschat
      ;;
    signalr)
      echo "== signalr (2 nodes, Redis backplane)"
      start_signalr
      audit_url=""
      run_shapes signalr "$signalr_urls" "${signalr_pids[@]}"
      stop "${signalr_pids[@]}"
      ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
  esac
done

{
  echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"), $(uname -r)"
  echo "run: $(date -u +%Y-%m-%dT%H:%MZ), $((SECONDS - started)) s, quick=$quick, orleanschat=$orleans, signalr=2 nodes + Redis backplane"
  echo
  dotnet "$tool" compare --in "$results"
} | tee "$out/compare.md"
dotnet "$tool" chart --in "$results" --out "$out/chart.svg" || true
if command -v rsvg-convert >/dev/null 2>&1 && [[ -f $out/chart.svg ]]; then
  rsvg-convert -b white "$out/chart.svg" -o "$out/chart.png" && echo "chart: $out/chart.png"
else
  echo "(install librsvg2-bin for chart.png; chart.svg is there)"
fi
echo "results: $out"
