#!/usr/bin/env python3
"""Runs SCALE-Sim v2 and Lumen on the same GEMM layers in one go and prints the speed ratio.

Both simulate each layer on the same R x C array and dataflow; Lumen runs with
timing=scalesim and ideal memory, so the compute cycle counts must be equal (checked).
Two ratios are printed:
  per layer  : one process per layer for both (SCALE-Sim's Python start-up vs Lumen's process)
  network    : all layers in one SCALE-Sim topology file vs one Lumen `network` scenario
The SCALE-Sim checkout lives outside this repository (see tests/data/scalesim/README.md):
  SCALESIM_ROOT=/tmp/scalesim  SCALESIM_PY=/usr/bin/python3  python3 bench/scalesim_ratio.py
Options: --lumen PATH (default build/lumen), --quick (three small layers).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCALESIM_ROOT = os.environ.get("SCALESIM_ROOT", "/tmp/scalesim")
SCALESIM_PY = os.environ.get("SCALESIM_PY", "/usr/bin/python3")

# (name, dataflow, array rows, array cols, M, N, K)
LAYERS = [
    ("ffn_up", "ws", 32, 32, 256, 1024, 256),
    ("attn_qk", "os", 32, 32, 128, 128, 64),
    ("conv_as_gemm", "is", 16, 16, 196, 64, 576),
    ("decode_gemv", "ws", 128, 128, 1, 4096, 1024),
    ("big_square", "os", 128, 128, 512, 512, 512),
    ("odd_shape", "ws", 64, 64, 300, 200, 100),
]
QUICK = LAYERS[:3]

CONFIG = """[general]
run_name = ratio

[architecture_presets]
ArrayHeight:    {rows}
ArrayWidth:     {cols}
IfmapSramSzkB:   16384
FilterSramSzkB:  16384
OfmapSramSzkB:   16384
IfmapOffset:    0
FilterOffset:   10000000
OfmapOffset:    20000000
Bandwidth : 10
Dataflow : {dataflow}
MemoryBanks:   1

[run_presets]
InterfaceBandwidth: CALC
"""


def run_scalesim(work, dataflow, rows, cols, layers):
    """One SCALE-Sim process over `layers` [(name, M, N, K)]; returns (cycles per layer, wall s)."""
    cfg = os.path.join(work, "ratio.cfg")
    topo = os.path.join(work, "topology.csv")
    with open(cfg, "w") as f:
        f.write(CONFIG.format(rows=rows, cols=cols, dataflow=dataflow))
    with open(topo, "w") as f:
        f.write("Layer, M, N, K,\n")  # SCALE-Sim drops the last field: keep the trailing comma
        for name, m, n, k in layers:
            f.write(f"{name}, {m}, {n}, {k},\n")
    env = dict(os.environ, PYTHONPATH=SCALESIM_ROOT)
    start = time.perf_counter()
    subprocess.run([SCALESIM_PY, os.path.join(SCALESIM_ROOT, "scalesim", "scale.py"), "-c", cfg,
                    "-t", topo, "-p", os.path.join(work, "out"), "-i", "gemm"],
                   cwd=work, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)  # its progress bars
    wall = time.perf_counter() - start
    cycles = []
    with open(os.path.join(work, "out", "ratio", "COMPUTE_REPORT.csv")) as f:
        header = [h.strip() for h in f.readline().split(",")]
        total, stall = header.index("Total Cycles"), header.index("Stall Cycles")
        for line in f:
            fields = [x.strip() for x in line.split(",")]
            if len(fields) > total and fields[total]:
                cycles.append(int(float(fields[total])) - int(float(fields[stall])))
    return cycles, wall


def run_lumen(lumen, work, dataflow, rows, cols, layers):
    """One Lumen process over `layers`; returns (compute cycles per layer, wall s, sim-only s)."""
    scenario = os.path.join(work, "network.json")
    with open(scenario, "w") as f:
        json.dump({"kind": "network", "layers": [{"name": n, "m": m, "n": nn, "k": k}
                                                 for n, m, nn, k in layers]}, f)
    out = os.path.join(work, "lumen")
    args = [lumen, "run", os.path.join(ROOT, "configs", "single-tile.json"), scenario, "-o", out,
            "--set", "/platform/chip/tile/matrix/timing=scalesim",
            "--set", '/platform/chip/memory={"kind": "ideal"}',
            "--set", "/platform/chip/tile/scratchpad/size=64 MiB",
            "--set", f"/platform/chip/tile/matrix/dataflow={dataflow}",
            "--set", f"/platform/chip/tile/matrix/rows={rows}",
            "--set", f"/platform/chip/tile/matrix/cols={cols}"]
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    with open(os.path.join(out, "report.json")) as f:
        report = json.load(f)
    return report["metrics"]["compute_cycles"], wall, report["run"]["wall_s"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lumen", default=os.path.join(ROOT, "build", "lumen"))
    parser.add_argument("--quick", action="store_true")
    options = parser.parse_args()
    if not os.path.exists(os.path.join(SCALESIM_ROOT, "scalesim", "scale.py")):
        sys.exit(f"SCALE-Sim v2 not found at {SCALESIM_ROOT} (set SCALESIM_ROOT; see tests/data/scalesim/README.md)")
    layers = QUICK if options.quick else LAYERS
    print(f"{'layer':<14}{'df':<4}{'array':<9}{'M×N×K':<16}{'cycles':>10}{'SCALE-Sim s':>13}"
          f"{'Lumen s':>10}{'Lumen sim s':>13}{'ratio':>9}{'sim ratio':>11}")
    total_scalesim = total_lumen = total_sim = 0.0
    for name, dataflow, rows, cols, m, n, k in layers:
        with tempfile.TemporaryDirectory() as work:
            (ref,), scalesim_s = run_scalesim(work, dataflow, rows, cols, [(name, m, n, k)])
            cycles, lumen_s, sim_s = run_lumen(options.lumen, work, dataflow, rows, cols, [(name, m, n, k)])
        if cycles != ref:
            sys.exit(f"cycle mismatch on {name}: SCALE-Sim {ref}, Lumen {cycles}")
        total_scalesim += scalesim_s
        total_lumen += lumen_s
        total_sim += sim_s
        print(f"{name:<14}{dataflow:<4}{f'{rows}x{cols}':<9}{f'{m}x{n}x{k}':<16}{ref:>10}{scalesim_s:>13.3f}"
              f"{lumen_s:>10.4f}{sim_s:>13.6f}{scalesim_s / lumen_s:>8.0f}x{scalesim_s / sim_s:>10.0f}x")
    print(f"per layer, whole processes: SCALE-Sim {total_scalesim:.2f} s, Lumen {total_lumen:.3f} s: "
          f"{total_scalesim / total_lumen:.0f}x; simulation alone (Lumen report run.wall_s): "
          f"{total_scalesim / total_sim:.0f}x")
    # A network: many layers of one array in one process each.
    network = [(f"l{i}", 64 + 37 * i, 256 + 64 * (i % 4), 128 + 32 * (i % 5)) for i in range(24)]
    with tempfile.TemporaryDirectory() as work:
        ref, scalesim_s = run_scalesim(work, "ws", 32, 32, network)
        cycles, lumen_s, _ = run_lumen(options.lumen, work, "ws", 32, 32, network)
    # Lumen's compute_cycles for a network is the sum over layers (each layer -1 in scalesim timing).
    if cycles != sum(ref):
        sys.exit(f"network cycle mismatch: SCALE-Sim {sum(ref)}, Lumen {cycles}")
    print(f"network of {len(network)} layers on 32x32 ws, one process each: SCALE-Sim {scalesim_s:.2f} s, "
          f"Lumen {lumen_s:.3f} s: {scalesim_s / lumen_s:.0f}x (cycles equal: {cycles})")


if __name__ == "__main__":
    main()
