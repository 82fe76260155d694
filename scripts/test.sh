#!/usr/bin/env bash
# Runs every OrleansChat test on a fresh machine: installs what the tests need (redis-server,
# chromium), restores, builds, runs the whole suite and ends with one line "N passed, N failed".
# Extra arguments go to `dotnet test` (e.g. --filter "Category=Unit").
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if ((${#missing[@]} > 0)); then
  echo "installing: ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet restore OrleansChat.sln
dotnet build OrleansChat.sln -c Release --no-restore

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
set +e
dotnet test OrleansChat.sln -c Release --no-build \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" \
  --blame-hang --blame-hang-timeout 8m "$@"
status=$?
set -e

passed=0 failed=0 skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + $(value notExecuted)))
done
if ((status != 0 && failed == 0)); then
  # The runner failed without a failed test in the results (a crash or hang): count it as one.
  echo "dotnet test exited with $status without reporting a failed test"
  failed=1
fi

# Name every failed test, with the first line of its message, just above the summary, so that a
# log cut to its last lines still says what failed.
for trx in "$results"/*.trx; do
  if command -v python3 >/dev/null 2>&1; then
    python3 - "$trx" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for result in ET.parse(sys.argv[1]).getroot().iterfind(".//t:UnitTestResult", ns):
    if result.get("outcome") not in ("Passed", "NotExecuted"):
        message = result.findtext("t:Output/t:ErrorInfo/t:Message", default="", namespaces=ns).strip()
        first = message.splitlines()[0][:300] if message else ""
        print(f"FAILED {result.get('testName')} ({result.get('duration')}): {first}")
PY
  else
    grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$trx" | sed -n 's/.*testName="\([^"]*\)".*/FAILED \1/p'
  fi
done

summary="$passed passed, $failed failed"
((skipped > 0)) && summary="$summary, $skipped skipped"
echo "$summary"
((failed == 0))
