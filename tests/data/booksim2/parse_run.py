#!/usr/bin/env python3
"""Parse one BookSim2 output log -> CSV fields.
usage: parse_run.py LOG RC   (RC = exit code of the run; 124/137 = killed by timeout)
Prints: packet_latency_avg,network_latency_avg,flit_latency_avg,accepted_flits_per_node_cycle,hops_avg,status
"""
import re, sys
log, rc = sys.argv[1], int(sys.argv[2])
txt = open(log, errors="replace").read()
NA = "NA"
if rc in (124, 137) or "Simulation unstable" in txt or "Overall Traffic Statistics" not in txt:
    print(",".join([NA]*5 + ["unstable"])); sys.exit(0)
ov = txt.split("====== Overall Traffic Statistics ======", 1)[1]
def g(pat):
    m = re.search(pat + r"\s*=\s*([-+0-9.eE]+)", ov)
    return m.group(1) if m else NA
vals = [g(r"Packet latency average"), g(r"Network latency average"),
        g(r"Flit latency average"), g(r"Accepted flit rate average"),
        g(r"Hops average")]
print(",".join(vals + ["ok"]))
