#!/usr/bin/env bash
# A sweep through a real Slurm: starts a one-node cluster on localhost (scripts/slurm-local.sh),
# runs a shipped sweep with --backend slurm (a job array, `sbatch --wait`), runs it again on the
# local pool, and checks both give the same points with the same figures; stops the daemons it
# started whatever happens.
# Usage: check_sweep_on_slurm.sh LUMEN_BINARY SCRATCH_DIR   (run from the source tree, as root)
set -euo pipefail
lumen="$(realpath "$1")"
scratch="$2"
rm -rf "$scratch"
mkdir -p "$scratch"
scratch="$(realpath "$scratch")"
cluster="$scratch/cluster"
trap 'bash scripts/slurm-local.sh stop "$cluster" || true' EXIT
# A port of its own: a system slurmd that apt may have started holds the default ones.
export SLURM_LOCAL_PORT=16817
eval "$(bash scripts/slurm-local.sh start "$cluster")"

# Held jobs (a broken node) would make sbatch --wait wait forever.
timeout 240 "$lumen" sweep sweeps/array-size.json --backend slurm -j 4 -o "$scratch/slurm"
"$lumen" sweep sweeps/array-size.json -j 2 -o "$scratch/local" 2>/dev/null

# The same rows, but for the wall-clock column.
without_wall() {
  awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "wall_s") skip = i }
           { line = ""; for (i = 1; i <= NF; i++) if (i != skip) line = line $i ","; print line }' "$1"
}
if ! diff <(without_wall "$scratch/slurm/results.csv") <(without_wall "$scratch/local/results.csv"); then
  echo "FAIL: the Slurm sweep's results differ from the local pool's"
  exit 1
fi
rows=$(($(wc -l <"$scratch/slurm/results.csv") - 1))
[ "$rows" -eq 12 ] || { echo "FAIL: expected 12 points, found $rows"; exit 1; }
echo "ok: $rows points, Slurm job array and local pool agree"
# The array really ran: one journal per task.
tasks=$(ls "$scratch/slurm"/journal-task-*.jsonl | wc -l)
[ "$tasks" -eq 4 ] || { echo "FAIL: expected 4 task journals, found $tasks"; exit 1; }
echo "ok: 4 array tasks each recorded their points"
