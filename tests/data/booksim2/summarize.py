#!/usr/bin/env python3
"""Saturation summary from booksim_results.csv, saturation_refine.csv and throughput-mode logs."""
import csv, re, os
W = "/tmp/booksim-work"

def load(fn):
    return list(csv.DictReader(open(fn))) if os.path.exists(fn) else []

def sat(rows):
    groups = {}
    for r in rows:
        groups.setdefault((int(r["k"]), r["traffic"], int(r["packet_size"])), []).append(r)
    out = {}
    for key, g in groups.items():
        g = sorted(g, key=lambda r: float(r["injection_rate"]))
        best, best_rate, fu = None, None, None
        for r in g:
            if r["status"] != "ok":
                fu = r["injection_rate"]; break
            a = float(r["accepted_flits_per_node_cycle"])
            if best is None or a > best:
                best, best_rate = a, r["injection_rate"]
        out[key] = (best, best_rate, fu)
    return out

def tput(k, tr, ps):
    fn = f"{W}/runs/k{k}_{tr}_p{ps}_throughput_r1.0.log"
    if not os.path.exists(fn): return None
    t = open(fn).read()
    if "Overall Traffic Statistics" not in t: return "FAILED"
    ov = t.split("====== Overall Traffic Statistics ======", 1)[1]
    return re.search(r"Accepted flit rate average = ([0-9.eE+-]+)", ov).group(1)

main = load(f"{W}/booksim_results.csv")
ref = load(f"{W}/saturation_refine.csv")
s_main, s_all = sat(main), sat(main + ref)
print("# Saturation throughput, flits/node/cycle. Definition: highest 'Accepted flit rate average' among 'ok'")
print("# runs preceding the first 'unstable' run, injection rates ascending (BookSim 'unstable' = average latency")
print("# incl. source queueing exceeded latency_thres=500 cycles; it then also prints 'Too many sample periods needed to converge').")
print("# [A] requested grid only  [B] grid + saturation_refine.csv  [C] sim_type=throughput, injection_rate=1.0")
for key in sorted(s_main):
    k, tr, ps = key
    a, b = s_main[key], s_all.get(key)
    line = (f"k={k} traffic={tr} packet_size={ps}: [A] {a[0]} (inj {a[1]}; first unstable {a[2]})")
    if ref:
        line += f" | [B] {b[0]} (inj {b[1]}; first unstable {b[2]})"
    t = tput(k, tr, ps)
    if t: line += f" | [C] {t}"
    print(line)
t = tput(4, "uniform", 4)
print(f"throughput_mode k=4 traffic=uniform packet_size=4 sim_type=throughput injection_rate=1.0: accepted_flit_rate={t}")
