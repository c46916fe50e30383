#!/bin/bash
# Regenerates configs, traces, all runs (2 repetitions each) and results from the built binary.
# usage: /tmp/ram_out/run_all.sh            (RAM=/tmp/ram21 by default)
set -euo pipefail
RAM=${RAM:-/tmp/ram21}
BIN=$RAM/ramulator2_run
OUT=/tmp/ram_out
cd "$OUT"
mkdir -p configs traces runs

# 1. configs (python3 stdlib + the pure-python ramulator package from $RAM/python; no C++ bindings)
PYTHONPATH=$RAM/python python3 gen_configs.py configs traces >/dev/null

declare -A CAP=( [HBM2_2000_1ch]=$((1<<31)) [HBM2_2000_8ch]=$((8<<31))
                 [HBM3_6400_1ch]=$((1<<30)) [HBM3_6400_16ch]=$((16<<30)) )

grep -v '^#' runs.txt | while read -r RUN SYS MAP PAT N MODE; do
  [ -z "$RUN" ] && continue
  C=${CAP[$SYS]}
  TR=traces/${PAT}_N${N}_C${C}.trace
  [ -f "$TR" ] || python3 gen_trace.py "$PAT" "$N" "$C" "$TR"
  sed "s|TRACE_PATH|$OUT/$TR|" "configs/${SYS}_${MAP}_${MODE}.yaml" > "runs/$RUN.yaml"
  for REP in 1 2; do
    /usr/bin/time -v "$BIN" "runs/$RUN.yaml" "runs/$RUN.rep$REP.stats.yaml" 2> "runs/$RUN.rep$REP.time"
  done
  echo "done $RUN"
done

python3 collect.py

# 2. timing table dump (resolved presets, expanded constraints)
PYTHONPATH=$RAM/python python3 dump_timings.py > timing_constraints.txt

# 3. read-buffer sensitivity (not in results.csv): seq_read, 1 channel, read_buffer_size 64/128
mkdir -p sensitivity
for S in HBM2_2000_1ch HBM3_6400_1ch; do
  C=${CAP[$S]}
  for RB in 64 128; do
    sed -e "s|TRACE_PATH|$OUT/traces/seq_read_N200000_C$C.trace|" -e "s|read_buffer_size: 32|read_buffer_size: $RB|" \
        "configs/${S}_RoBaRaCoCh_saturate.yaml" > "sensitivity/${S}_seq_read_rb$RB.yaml"
    "$BIN" "sensitivity/${S}_seq_read_rb$RB.yaml" "sensitivity/${S}_seq_read_rb$RB.stats.yaml" 2>/dev/null
    echo "$S read_buffer_size=$RB $(grep last_complete_clk sensitivity/${S}_seq_read_rb$RB.stats.yaml)"
  done
done
