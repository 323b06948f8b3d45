#!/usr/bin/env bash
# The Slurm test (`npm run test:slurm`; .ci/run runs it as its own step). On this machine it:
#   1. installs Debian's slurmctld, slurmd, slurm-client and munge when missing (as root; otherwise it names the command);
#   2. writes a single-node cluster's configuration under a temporary folder (proctrack/linuxproc, task/none, no
#      accounting: no cgroups, which fail inside containers) and starts munged, slurmctld and slurmd directly (niced);
#   3. submits the smoke study into an empty store with `npm run sweep -- --study smoke --slurm`, cancels one array
#      task mid-run (scancel of one index: SIGTERM), then SIGKILLs running tasks at random moments (at least
#      SLURM_TEST_KILLS, default 5), resubmits with the same command until nothing is missing, and waits, each step
#      with a time limit; two runs start out claimed "on other nodes": one whose heartbeat is past the claim timeout (taken
#      over by the first array), one heartbeating (left alone, then let go stale and taken over by a resubmission);
#   4. checks (scripts/slurm-check.ts): every planned run stored exactly once and valid, none trained twice, losses
#      bit-identical to the committed smoke runs trained without Slurm, no claim / temporary / checkpoint file left;
#      `--status` agrees; then `NO_TRAIN=1 STUDY=smoke RUN_STORE=<store> npm run build` succeeds (niced).
# Every daemon it started is stopped by PID on exit, pass or fail; a failure prints the daemons' log tails.
# The whole test is bounded by SLURM_TEST_LIMIT seconds (default 540). A longer soak: SLURM_TEST_KILLS=20
# SLURM_TEST_LIMIT=1200 npm run test:slurm (kills go on through the resubmissions until that many have landed).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
LIMIT=${SLURM_TEST_LIMIT:-540}
KILLS=${SLURM_TEST_KILLS:-5}
START=$SECONDS
say() { printf '[slurm-test %3ds] %s\n' $((SECONDS - START)) "$*"; }
left() { echo $((LIMIT - (SECONDS - START))); }

# --- 1. packages --------------------------------------------------------------------------------------------------
PKGS=(slurmctld slurmd slurm-client munge)
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  if [ "$(id -u)" != 0 ]; then
    echo "The Slurm test needs Debian's Slurm and munge; install them with:" >&2
    echo "  sudo apt-get install -y ${PKGS[*]}" >&2
    exit 1
  fi
  say "installing ${PKGS[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${PKGS[@]}" >/dev/null
fi
if [ "$(id -u)" != 0 ]; then
  echo "The Slurm test starts munged as the munge user and slurmd as root: run it as root." >&2
  exit 1
fi

# --- 2. a single-node cluster under a temporary folder ------------------------------------------------------------
T=$(mktemp -d /tmp/ecg-slurm-test.XXXXXX)
chmod 755 "$T"
export SLURM_CONF=$T/slurm.conf
PIDS=()
STATUS=fail

tails() {
  for f in "$T"/munged.log "$T"/slurmctld.log "$T"/slurmd.log; do
    [ -f "$f" ] && { echo "----- last lines of $f"; tail -n 25 "$f"; }
  done
  for f in $(ls -t "$T"/store/slurm/*/task-*.out 2>/dev/null | head -n 3); do
    echo "----- last lines of $f"
    tail -n 15 "$f"
  done
}

cleanup() {
  local code=$?
  trap - EXIT INT TERM
  if [ "$STATUS" != pass ]; then
    echo "slurm-test FAILED (exit $code) after $((SECONDS - START))s; the daemons' logs:" >&2
    tails >&2 || true
  fi
  # Cancel what is left, give the tasks a moment, then stop the daemons by PID.
  if [ ${#PIDS[@]} -gt 0 ] && command -v scancel >/dev/null; then
    timeout 10 scancel --user=root >/dev/null 2>&1 || true
    for _ in $(seq 1 20); do [ -z "$(timeout 5 squeue -h 2>/dev/null)" ] && break; sleep 0.5; done
  fi
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
  done
  # Job processes that outlived their daemons: found by this cluster's SLURM_CONF and a SLURM_JOB_ID in their environment.
  for env in /proc/[0-9]*/environ; do
    pid=${env#/proc/}; pid=${pid%/environ}
    [ "$pid" = $$ ] && continue
    if { tr '\0' '\n' <"$env" | awk -v conf="SLURM_CONF=$SLURM_CONF" '$0 == conf {c=1} /^SLURM_JOB_ID=/ {j=1} END {exit !(c && j)}'; } 2>/dev/null; then
      echo "stopping leftover job process $pid" >&2
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  if [ "$STATUS" = pass ]; then rm -rf "$T"; else echo "kept for inspection: $T" >&2; fi
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

HOST=$(hostname -s)
CPUS=$(nproc)
PORT=${SLURM_TEST_PORT:-16817}
mkdir -p "$T/munge" "$T/munge-run" "$T/state" "$T/spool"
head -c 1024 /dev/urandom > "$T/munge/munge.key"
chown -R munge:munge "$T/munge" "$T/munge-run"
chmod 700 "$T/munge"
chmod 600 "$T/munge/munge.key"
chmod 755 "$T/munge-run" # munged insists that everyone may reach its socket
cat > "$SLURM_CONF" <<EOF
ClusterName=ecgtest
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
SlurmUser=root
AuthType=auth/munge
AuthInfo=socket=$T/munge-run/munge.socket
CredType=cred/munge
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/slurmctld.log
SlurmdLogFile=$T/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
MinJobAge=3600
KillWait=5
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$CPUS State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF

say "starting munged, slurmctld and slurmd (config $SLURM_CONF)"
# setpriv execs (no extra process), so $! is the daemon's own PID; -F / -D keep each in the foreground.
setpriv --reuid=munge --regid=munge --init-groups munged -F --key-file="$T/munge/munge.key" --socket="$T/munge-run/munge.socket" \
  --pid-file="$T/munge-run/munged.pid" --seed-file="$T/munge/munged.seed" --log-file="$T/munged.log" >/dev/null 2>&1 &
PIDS+=($!)
for _ in $(seq 1 40); do [ -S "$T/munge-run/munge.socket" ] && break; sleep 0.25; done
[ -S "$T/munge-run/munge.socket" ] || { say "munged did not start"; exit 1; }
# Niced: the jobs inherit slurmd's priority, so training never crowds out the rest of the machine.
nice -n 19 slurmctld -D -c -f "$SLURM_CONF" >/dev/null 2>&1 &
PIDS+=($!)
nice -n 19 slurmd -D -f "$SLURM_CONF" >/dev/null 2>&1 &
PIDS+=($!)
for _ in $(seq 1 60); do [ "$(sinfo -h -o %t 2>/dev/null)" = idle ] && break; sleep 0.5; done
[ "$(sinfo -h -o %t 2>/dev/null)" = idle ] || { say "the node did not come up: $(sinfo 2>&1)"; exit 1; }
say "cluster up: $(sinfo -h -o '%P %D node(s) %c CPUs %t')"

# --- 3. submit, kill, resubmit -------------------------------------------------------------------------------------
STORE=$T/store
SUBMIT=(npm run -s sweep -- --study smoke --store "$STORE" --slurm --array-parallelism "$CPUS" --time 10)

# Submits (or, when nothing is missing, only tidies the store); prints the job id, or nothing.
submit() {
  "${SUBMIT[@]}" >"$T/submit.out" 2>"$T/submit.err" || { cat "$T/submit.err" "$T/submit.out" >&2; return 1; }
  sed -n 's/^submitted job \([0-9][0-9]*\):.*/\1/p' "$T/submit.out"
}

# Waits until job $1 has no task left in the queue.
wait_job() {
  while [ -n "$(squeue -h -j "$1" 2>/dev/null)" ]; do
    [ "$(left)" -gt 0 ] || { say "time limit reached while job $1 was still queued"; squeue -r -j "$1"; return 1; }
    sleep 1
  done
}

# The Slurm tasks ("12_3 <key>") holding a live claim in the store, one a line.
claimed_tasks() {
  node -e '
    const fs = require("fs"), dir = process.argv[1];
    for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
      if (!f.endsWith(".claim")) continue;
      try { const o = JSON.parse(fs.readFileSync(dir + "/" + f, "utf8")); process.kill(o.pid, 0); if (o.slurm) console.log(o.slurm + " " + f.slice(0, 20)); } catch {}
    }' "$STORE"
}

# SIGKILLs a random running task of job $1: `scancel --batch --signal=KILL` kills the task's sweep process outright, so
# no handler runs and its claims, checkpoints and temporaries are left behind; its worker, orphaned (proctrack/linuxproc
# does not kill it), stops by itself without storing anything. (Plain `scancel --signal=KILL` cancels the job, which
# sends SIGTERM first.)
KILLS_DONE=0
MIDRUN=0
LEFT_CLAIMS=0
kill_one() {
  local task holders
  holders=$(claimed_tasks)
  # Two kills in three go to a task that is training (holds a claim), when there is one; the others to any running task.
  if [ -n "$holders" ] && [ $((RANDOM % 3)) -lt 2 ]; then
    task=$(cut -d' ' -f1 <<<"$holders" | shuf -n 1)
  else
    task=$(squeue -h -r -j "$1" -t RUNNING -o %i 2>/dev/null | shuf -n 1)
  fi
  [ -n "$task" ] || return 0
  scancel --batch --signal=KILL "$task" 2>/dev/null || return 0
  KILLS_DONE=$((KILLS_DONE + 1))
  if grep -q "^$task " <<<"$holders"; then
    MIDRUN=$((MIDRUN + 1))
    local key
    key=$(grep "^$task " <<<"$holders" | cut -d' ' -f2)
    for _ in $(seq 1 40); do [ -z "$(squeue -h -j "$task" 2>/dev/null)" ] && break; sleep 0.25; done
    if [ -f "$STORE/$key.json" ]; then
      say "kill $KILLS_DONE: SIGKILL to task $task just after it stored $key (its claim, if left, is cleared by the next sweep)"
    elif [ -f "$STORE/$key.claim" ]; then
      LEFT_CLAIMS=$((LEFT_CLAIMS + 1))
      say "kill $KILLS_DONE: SIGKILL to task $task while it trained $key: its claim is left behind (a dead holder), for the next sweep to take over"
    else
      say "kill $KILLS_DONE: SIGKILL to task $task while it trained $key (stored before the kill landed)"
    fi
  else
    say "kill $KILLS_DONE: SIGKILL to task $task (starting up, no run claimed yet)"
  fi
}

# Two runs claimed by tasks "on other nodes" (one host cannot have two, so the claims are planted as such a task
# writes them): one whose heartbeat stopped 11 minutes ago (past the default 10-minute claim timeout: a dead node),
# taken over by the first array; one heartbeating (a live node), respected by the first array, then let go stale
# before the resubmission, which takes it over.
mkdir -p "$STORE"
mapfile -t PLANNED < <(npm run -s sweep -- --study smoke --store "$STORE" --dry-run | sed -n 's/^  \([0-9a-f]\{20\}\) .*/\1/p' | sort)
[ ${#PLANNED[@]} = 16 ] || { say "expected 16 planned runs, got ${#PLANNED[@]}"; exit 1; }
DEAD=${PLANNED[0]}
LIVE=${PLANNED[1]}
plant() { printf '{"host":"%s","pid":%d,"since":"%s"}' "$2" $((4194304 + 4242)) "$(date -u -d "$3" +%FT%TZ)" >"$STORE/$1.claim"; touch -d "$3" "$STORE/$1.claim"; }
plant "$DEAD" dead-node-1 "11 minutes ago"
plant "$LIVE" live-node-2 "now"
LIVE_CLAIM=$(cat "$STORE/$LIVE.claim")
say "planted claims: $DEAD by dead-node-1 (heartbeat 11 min old), $LIVE by live-node-2 (heartbeat now)"

say "submitting the smoke study into the store $STORE"
JOB=$(submit)
[ -n "$JOB" ] || { say "no job id in: $(cat "$T/submit.out")"; exit 1; }
grep -A3 '^submitted job' "$T/submit.out" | sed 's/^/    /'

# One array task cancelled mid-run with scancel (SIGTERM: the sweep releases its claim and keeps its checkpoint).
CANCELLED=""
for attempt in 1 2 3 4; do
  task=""
  while [ -z "$task" ]; do
    [ "$(left)" -gt 0 ] || { say "no task ever claimed a run"; exit 1; }
    task=$(claimed_tasks | head -n 1)
    [ -n "$task" ] || sleep 0.2
  done
  id=${task% *}
  key=${task#* }
  scancel "$id"
  for _ in $(seq 1 60); do [ -z "$(squeue -h -j "$id" 2>/dev/null)" ] && break; sleep 0.5; done
  if [ ! -f "$STORE/$key.json" ]; then
    [ ! -f "$STORE/$key.claim" ] || { say "scancel of $id left the claim of $key behind"; exit 1; }
    CANCELLED=$id
    say "scancel $id landed mid-run: run $key not stored, its claim released"
    break
  fi
  say "scancel $id came after its run $key was stored (attempt $attempt); trying another task"
done
[ -n "$CANCELLED" ] || { say "no scancel landed mid-run in 4 attempts"; exit 1; }

# Random hard kills, in this array and, if it ends first, in the resubmissions; resubmit until nothing is missing.
for round in $(seq 0 40); do
  if [ "$round" = 1 ]; then
    # After the first array: the dead node's claim was taken over; the live node's claim was left alone.
    grep -q dead-node-1 "$STORE/$DEAD.claim" 2>/dev/null && { say "the claim of dead-node-1 on $DEAD was not taken over"; exit 1; }
    [ "$(cat "$STORE/$LIVE.claim" 2>/dev/null)" = "$LIVE_CLAIM" ] && [ ! -f "$STORE/$LIVE.json" ] || { say "the heartbeating claim of live-node-2 on $LIVE was not respected"; exit 1; }
    npm run -s sweep -- --study smoke --store "$STORE" --status | grep "running $LIVE" | sed 's/^/    /'
    say "the first array took over $DEAD from dead-node-1 and left $LIVE to live-node-2; now live-node-2 stops heartbeating"
    touch -d "11 minutes ago" "$STORE/$LIVE.claim"
  fi
  if [ "$round" -gt 0 ]; then
    JOB=$(submit)
    if [ -z "$JOB" ]; then
      grep -q ', 0 to train$' "$T/submit.out" || { say "resubmission failed: $(cat "$T/submit.out")"; exit 1; }
      break
    fi
    say "resubmission $round: job $JOB: $(head -n 1 "$T/submit.out")"
  fi
  while [ $KILLS_DONE -lt "$KILLS" ] && [ -n "$(squeue -h -j "$JOB" 2>/dev/null)" ]; do
    [ "$(left)" -gt 0 ] || break
    sleep "$((RANDOM % 4)).$((RANDOM % 10))"
    kill_one "$JOB"
  done
  wait_job "$JOB"
  say "job $JOB over: $(find "$STORE" -maxdepth 1 -name '*.json' | wc -l) of 16 runs stored"
  JOB=""
done
[ -z "$JOB" ] && grep -q ', 0 to train$' "$T/submit.out" || { say "runs still missing after 40 resubmissions"; exit 1; }
[ $KILLS_DONE -ge "$KILLS" ] || { say "only $KILLS_DONE hard kills (wanted $KILLS)"; exit 1; }
say "store complete after 1 scancel and $KILLS_DONE random SIGKILLs ($MIDRUN of them mid-run, $LEFT_CLAIMS leaving a dead task's claim that a later task took over)"

# --- 4. checks -----------------------------------------------------------------------------------------------------
status=$(npm run -s sweep -- --study smoke --store "$STORE" --status)
echo "$status" | sed 's/^/    /'
grep -q "16 runs; 16 done, 0 running, 0 missing" <<<"$status" || { say "--status disagrees"; exit 1; }
node --import tsx scripts/slurm-check.ts --store "$STORE" --study smoke --cache "${ECG_CACHE_DIR:-$REPO/.cache}" | tee "$T/check.out"
CHECKS=$(sed -n 's/^slurm-check: \([0-9][0-9]*\) passed, 0 failed$/\1/p' "$T/check.out")
[ -n "$CHECKS" ] || { say "the store checks failed"; exit 1; }

say "building the report on the Slurm-trained store (NO_TRAIN=1, niced)"
if ! NO_TRAIN=1 STUDY=smoke RUN_STORE="$STORE" timeout "$(left)" nice -n 19 npm run -s build >"$T/build.log" 2>&1; then
  tail -n 30 "$T/build.log"
  say "the build failed"
  exit 1
fi
say "build succeeded"

STATUS=pass
say "Slurm test passed in $((SECONDS - START))s (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
# The scancel mid-run, the kills, the two cross-node claims, the resubmissions to a complete store, --status, the store
# checks and the build.
echo "slurm-test: $((CHECKS + 6)) passed, 0 failed"
