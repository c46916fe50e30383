#!/usr/bin/env bash
# Starts or stops a private single-node Slurm cluster on localhost, as root and without
# systemd, so tests can submit real job arrays. Everything it needs lives in one scratch DIR.
#
#   eval "$(bash scripts/slurm-local.sh start DIR)"   # stdout is just `export SLURM_CONF=...`
#   sbatch --wait --array=0-3 job.sh
#   bash scripts/slurm-local.sh stop DIR              # safe to call twice
#
# Clients need nothing but SLURM_CONF: it names the private munge socket (AuthInfo), so no
# munge environment is needed. Progress and errors go to stderr, keeping the caller's eval
# clean. start installs slurm-wlm and munge with apt-get if they are missing. The ports
# default to Slurm's own (6817/6818); set SLURM_LOCAL_PORT to run the controller on another
# port (slurmd takes the next one), e.g. beside a real cluster or a second private one.
set -euo pipefail

usage() {
  echo "usage: $0 start|stop DIR" >&2
  exit 2
}
log() { echo "slurm-local: $*" >&2; }
die() {
  log "error: $*"
  exit 1
}
# For failures once daemons may be running: do not leave half a cluster behind.
fail() {
  log "error: $*"
  stop
  exit 1
}

[ $# -eq 2 ] || usage
action="$1"
case "$action" in
start) mkdir -p "$2" ;;
stop) [ -d "$2" ] || exit 0 ;; # nothing was ever started there
*) usage ;;
esac
# Absolute, because slurm.conf paths and the printed SLURM_CONF must work from any cwd.
dir="$(cd "$2" && pwd)"
conf="$dir/slurm.conf"

# The daemon named NAME, whose pid is in DIR/NAME.pid, is running. The command name is
# checked so that a stale pid file (after a crash or reboot) never makes stop kill an
# unrelated process that reused the pid. Reads /proc rather than ps: slim images lack procps.
alive() {
  local pidfile="$dir/$1.pid" pid comm
  [ -s "$pidfile" ] || return 1
  pid="$(cat "$pidfile")"
  running "$pid" || return 1
  comm="$(cat "/proc/$pid/comm" 2>/dev/null)" || return 1
  [ "$comm" = "$1" ]
}
# Zombies count as gone: a PID 1 that reaps lazily or never (common in containers) would
# otherwise keep an exited daemon visible to kill -0.
running() {
  local stat
  [[ $1 =~ ^[0-9]+$ ]] && stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }" # the state field follows the parenthesised command name
  [[ $stat != Z* ]]
}

# Sends SIGTERM to all of them at once, SIGKILL to any still there after ~10 s, and waits
# until they have exited so that the ports and the munge socket are free for a restart.
stop_daemons() {
  local name pidfile pid pids=() i
  for name in "$@"; do
    pidfile="$dir/$name.pid"
    if alive "$name"; then
      pid="$(cat "$pidfile")"
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
      log "stopping $name (pid $pid)"
    fi
    rm -f "$pidfile"
  done
  for pid in "${pids[@]}"; do
    for i in $(seq 100); do
      running "$pid" || break
      if [ "$i" -eq 100 ]; then kill -KILL "$pid" 2>/dev/null || true; fi
      sleep 0.1
    done
  done
}

stop() {
  # Cancel leftover jobs first: slurmd leaves running slurmstepd/job processes behind when it
  # exits, and they would outlive the cluster.
  if alive slurmctld && [ -f "$conf" ]; then
    SLURM_CONF="$conf" scancel --user="$(id -un)" 2>/dev/null || true
    for _ in $(seq 50); do
      [ -z "$(SLURM_CONF="$conf" squeue -h -o %i 2>/dev/null)" ] && break
      sleep 0.1
    done
  fi
  stop_daemons slurmd slurmctld munged
  if [ -L "$dir/run" ]; then
    local run
    run="$(readlink "$dir/run")"
    # Only ever delete what start created, whatever the link was changed to.
    case "$run" in /tmp/slurm-local.*) rm -rf -- "$run" ;; esac
    rm -f "$dir/run"
  fi
}

install_if_missing() {
  local missing=0 cmd
  for cmd in sbatch slurmctld slurmd munged; do
    command -v "$cmd" >/dev/null 2>&1 || missing=1
  done
  [ "$missing" -eq 0 ] && return
  log "installing slurm-wlm and munge"
  {
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y slurm-wlm munge
  } >&2
}

start() {
  [ "$(id -u)" -eq 0 ] || die "must run as root (SlurmUser=root, slurmd launches jobs)"
  # Debian's slurmctld/slurmd/munged live in /usr/sbin, which a non-login PATH may lack.
  export PATH="$PATH:/usr/sbin:/sbin"
  install_if_missing
  if alive slurmctld || alive slurmd || alive munged; then
    die "a cluster from $dir is already running; stop it first"
  fi
  stop # clears stale pid files and a socket dir left over from a crash

  local host cpus port state run spool socket
  host="$(hostname -s)"
  cpus="$(nproc)"
  port="${SLURM_LOCAL_PORT:-6817}"
  state="$dir/state"
  mkdir -p "$state" "$dir/munge"
  # munged checks that its key/log/pid dirs are not writable by others.
  chmod 700 "$dir/munge"

  # Everything that is a Unix socket lives in a short runtime dir outside DIR, reachable as
  # DIR/run: a socket path must fit in 108 bytes, which a deep DIR exceeds (slurmd's spool
  # holds one socket per job step), and munged insists every client can traverse the
  # socket's directory, hence 755.
  run="$(mktemp -d /tmp/slurm-local.XXXXXX)"
  chmod 755 "$run"
  ln -s "$run" "$dir/run"
  spool="$run/spool"
  mkdir -p "$spool"
  socket="$run/munge.socket"

  if [ ! -s "$dir/munge/munge.key" ]; then
    (umask 077 && dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none)
  fi
  chmod 600 "$dir/munge/munge.key"
  # munged forks and returns only once its socket accepts requests, so no polling is needed.
  munged --socket="$socket" --key-file="$dir/munge/munge.key" \
    --pid-file="$dir/munged.pid" --log-file="$dir/munge/munged.log" \
    --seed-file="$dir/munge/munged.seed" </dev/null >>"$dir/munge/munged.log" 2>&1 ||
    fail "munged failed to start; see $dir/munge/munged.log"

  # SlurmctldHost pins the address to 127.0.0.1 so the cluster works whatever the hostname
  # resolves to. config_overrides makes slurmd trust CPUs= instead of draining the node when
  # the hardware it detects (sockets/cores/threads, memory) differs in a container or VM.
  cat >"$conf" <<EOF
# Generated by scripts/slurm-local.sh; rewritten on every start.
ClusterName=lumen-local
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$state
SlurmdSpoolDir=$spool
SlurmctldPidFile=$dir/slurmctld.daemon.pid
SlurmdPidFile=$dir/slurmd.daemon.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
SlurmdParameters=config_overrides
# Debian ships no mailer; an empty MailProg is logged as an error at every start.
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
# sbatch --wait polls every 2 s only while MinJobAge/2 <= 2; with a larger MinJobAge it backs
# off to 8 s and then 32 s, so an 11 s job would take ~42 s to return. Finished jobs therefore
# stay visible to squeue/scontrol for 5 s (up to ~60 s more, until slurmctld's next purge).
MinJobAge=5
KillWait=5
SlurmdTimeout=30
NodeName=$host NodeAddr=127.0.0.1 NodeHostname=$host CPUs=$cpus State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF

  # -D keeps them in the foreground so $! is the daemon itself (setsid does not fork here, as
  # a non-interactive shell puts background jobs in its own process group); setsid keeps a
  # Ctrl-C in the caller's terminal from reaching them. Redirecting all three fds stops them
  # holding the caller's $(...) pipe open, which would hang the eval. -c drops old jobs.
  SLURM_CONF="$conf" setsid slurmctld -D -c -f "$conf" </dev/null >>"$dir/slurmctld.out" 2>&1 &
  echo $! >"$dir/slurmctld.pid"
  SLURM_CONF="$conf" setsid slurmd -D -N "$host" -f "$conf" </dev/null >>"$dir/slurmd.out" 2>&1 &
  echo $! >"$dir/slurmd.pid"

  # A deadline rather than a count of tries: one sinfo can itself take seconds to time out.
  local deadline=$((SECONDS + 30)) node_state=""
  while :; do
    node_state="$(SLURM_CONF="$conf" sinfo -h -N -n "$host" -o %t 2>/dev/null || true)"
    [ "$node_state" = idle ] && break
    alive slurmctld || fail "slurmctld exited; see $dir/slurmctld.log and $dir/slurmctld.out"
    alive slurmd || fail "slurmd exited; see $dir/slurmd.log and $dir/slurmd.out"
    [ "$SECONDS" -lt "$deadline" ] ||
      fail "node $host not idle after 30 s (state '$node_state'); see the logs in $dir"
    sleep 0.1
  done
  log "cluster up: node $host idle with $cpus CPUs, logs in $dir"
  echo "export SLURM_CONF=$conf"
}

case "$action" in
start) start ;;
stop) stop ;;
*) usage ;;
esac
