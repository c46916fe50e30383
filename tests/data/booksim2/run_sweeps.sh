#!/usr/bin/env bash
# Reproduces all BookSim2 sweeps for the NoC calibration.
# Requires: booksim built in /tmp/booksim-work/booksim2/src (see PROVENANCE.md).
set -u
W=/tmp/booksim-work
BS=$W/booksim2/src/booksim
CFG=$W/mesh.cfg
RUNS=$W/runs
CSV=$W/booksim_results.csv
TMO=60   # seconds; a run exceeding this is killed and recorded as unstable
mkdir -p "$RUNS"
echo "k,traffic,packet_size,injection_rate,packet_latency_avg,network_latency_avg,flit_latency_avg,accepted_flits_per_node_cycle,hops_avg,status" > "$CSV"

run_one() {  # k traffic packet_size rate [csv]
  local k=$1 tr=$2 ps=$3 r=$4 out=${5:-$CSV}
  local log=$RUNS/k${k}_${tr}_p${ps}_r${r}.log
  # NB: booksim's main() returns -1 (exit code 255) on SUCCESS and 0 on an unstable run,
  # so the exit code is only used to detect the timeout kill (124/137).
  timeout -k 5 $TMO "$BS" "$CFG" k=$k traffic=$tr packet_size=$ps injection_rate=$r > "$log" 2>&1
  local rc=$?
  echo "$k,$tr,$ps,$r,$(python3 $W/parse_run.py "$log" $rc)" >> "$out"
  tail -1 "$out"
}

for ps in 1 4; do
  for r in 0.005 0.05 0.1 0.2 0.3 0.4 0.5 0.6 0.7 0.8 0.9; do run_one 4 uniform $ps $r; done
done
for r in 0.005 0.05 0.1 0.2 0.3 0.35 0.4 0.45 0.5; do run_one 8 uniform 4 $r; done
for r in 0.005 0.05 0.1 0.2 0.3 0.4; do run_one 4 transpose 4 $r; done

# Throughput-mode run at offered load 1.0 (k=4 uniform, packet_size=4)
TLOG=$RUNS/k4_uniform_p4_throughput_r1.0.log
timeout -k 5 $TMO "$BS" "$CFG" sim_type=throughput injection_rate=1.0 > "$TLOG" 2>&1
echo "throughput-mode rc=$? log=$TLOG"

# ---- Supplementary (not part of the requested grid): finer rates just above the last stable point
# of each group, and throughput-mode runs at offered load 1.0 for every group. Separate files.
REF=$W/saturation_refine.csv
head -1 "$CSV" > "$REF"
for r in 0.71 0.72 0.73 0.74 0.75; do run_one 4 uniform 1 $r "$REF"; done
for r in 0.71 0.72 0.73 0.74 0.75; do run_one 4 uniform 4 $r "$REF"; done
for r in 0.36 0.37 0.38 0.39; do run_one 8 uniform 4 $r "$REF"; done
for r in 0.31 0.32 0.33 0.34 0.35 0.36 0.37 0.38 0.39; do run_one 4 transpose 4 $r "$REF"; done
for g in "4 uniform 1" "8 uniform 4" "4 transpose 4"; do
  set -- $g
  timeout -k 5 120 "$BS" "$CFG" sim_type=throughput injection_rate=1.0 k=$1 traffic=$2 packet_size=$3 \
    > "$RUNS/k$1_$2_p$3_throughput_r1.0.log" 2>&1
  echo "throughput-mode k=$1 $2 p=$3 rc=$?"
done

# Saturation summary
python3 $W/summarize.py > $W/saturation.txt
cat $W/saturation.txt
