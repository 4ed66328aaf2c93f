#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A single-node Slurm for tests, from Debian's munge, slurmctld, slurmd and slurm-client.
#   tools/slurm-local.sh start DIR   as root: writes DIR/slurm.conf and a munge key, starts
#                                    munged, slurmctld and slurmd on free ports, and waits
#                                    until the node takes jobs. Clients use SLURM_CONF=DIR/slurm.conf.
#   tools/slurm-local.sh stop DIR    stops every daemon it started, by the PIDs it recorded,
#                                    and removes DIR.
# DIR must be new or empty. Nothing outside it is written; no system service is touched.
set -euo pipefail
command=${1:-}
dir=${2:-}
[[ ($command == start || $command == stop) && -n $dir ]] ||
  { echo "usage: $0 start|stop DIR" >&2; exit 2; }

stop() {
  for daemon in slurmd slurmctld munged; do
    pidfile="$dir/$daemon.pid"
    [[ -s $pidfile ]] || continue
    pid=$(cat "$pidfile")
    if kill "$pid" 2>/dev/null; then
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
  done
}

if [[ $command == stop ]]; then
  [[ -d $dir ]] || exit 0
  stop
  [[ -f $dir/slurm.conf ]] && rm -rf "$dir" # only a folder this script set up
  exit 0
fi

[[ $(id -u) -eq 0 ]] || { echo "error: starting slurm daemons needs root" >&2; exit 2; }
for tool in munged slurmctld slurmd sinfo; do
  command -v "$tool" >/dev/null ||
    { echo "error: $tool is missing; install munge, slurmctld, slurmd and slurm-client" >&2; exit 2; }
done

# A port nobody listens on, from the kernel's ephemeral range.
free_port() {
  local port
  for port in $(shuf -i 20000-60000 -n 200); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  echo "error: no free port" >&2
  exit 1
}

if [[ -d $dir && -n $(ls -A "$dir") ]]; then
  echo "error: $dir is not empty; give a new folder" >&2
  exit 2
fi
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
# munged insists that its folders are not writable by others; users need to reach the socket.
chmod 0755 "$dir"
mkdir -p "$dir/state" "$dir/spool"
# Any step that fails says which, with the daemons' last words, and stops what started.
failed() {
  echo "error: slurm-local.sh line $1 failed: $2" >&2
  for log in "$dir"/*.log; do [[ -f $log ]] && { echo "--- $log" >&2; tail -5 "$log" >&2; }; done
  stop
}
trap 'failed $LINENO "$BASH_COMMAND"' ERR

head -c 1024 /dev/urandom >"$dir/munge.key"
chmod 0400 "$dir/munge.key"
munged --force --key-file="$dir/munge.key" --socket="$dir/munge.socket" \
  --pid-file="$dir/munged.pid" --log-file="$dir/munged.log" --seed-file="$dir/munge.seed"
for _ in $(seq 50); do [[ -S $dir/munge.socket ]] && break; sleep 0.1; done

host=$(uname -n)
host=${host%%.*}
cpus=$(nproc)
cat >"$dir/slurm.conf" <<CONF
ClusterName=cepstra-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MailProg=/bin/true
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=1000 State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$dir/slurm.conf
slurmctld -i
slurmd
for _ in $(seq 100); do
  state=$(sinfo -h -o %T 2>/dev/null | head -1 || true)
  [[ $state == idle ]] && { echo "slurm: node $host idle; export SLURM_CONF=$SLURM_CONF"; exit 0; }
  sleep 0.2
done
echo "error: the slurm node did not become idle (state: ${state:-none}); logs in $dir" >&2
tail -5 "$dir/slurmctld.log" "$dir/slurmd.log" >&2 || true
stop
exit 1
