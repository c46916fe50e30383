#!/usr/bin/env python3
"""Generate fully-expanded Ramulator 2.1 YAML configs (no C++ bindings needed).

Uses the ramulator Python package from the built tree (PYTHONPATH=<ram21>/python)
only to resolve DRAM presets / controller defaults (to_config()), then writes the
YAML with ramulator.export.dict_to_yaml.  The frontend is our ValidationTrace
(added in the /tmp/ram21 copy), specified as a raw dict.
usage: gen_configs.py <outdir> <tracedir>
"""
import os
import sys

import ramulator
from ramulator.export import dict_to_yaml

OUT = sys.argv[1]
TRACES = sys.argv[2]

# (name, standard, org_preset, timing_preset, controller, channels)
SYSTEMS = [
    ("HBM2_2000_1ch", "HBM2", "HBM2_8Gb", "HBM2_2000Mbps", "HBM12", 1),
    ("HBM2_2000_8ch", "HBM2", "HBM2_8Gb", "HBM2_2000Mbps", "HBM12", 8),
    ("HBM3_6400_1ch", "HBM3", "HBM3_16Gb_8hi", "HBM3_6400Mbps", "HBM34", 1),
    ("HBM3_6400_16ch", "HBM3", "HBM3_16Gb_8hi", "HBM3_6400Mbps", "HBM34", 16),
]


def mem_system(std, org, timing, ctrl_cls, nch, mapper):
    dram = getattr(ramulator.dram, std)(org_preset=org, timing_preset=timing)
    ctrl = getattr(ramulator.controller, ctrl_cls)(
        dram=dram,
        scheduler=ramulator.scheduler.FRFCFS(),
        refresh_manager=ramulator.refresh_manager.AllBank(),
        row_policy=ramulator.row_policy.Open(),
        addr_mapper=getattr(ramulator.addr_mapper, mapper)(),
    )
    return ramulator.memory_system.GenericDRAM(
        clock_ratio=1,
        controllers=[ctrl] * nch,
        channel_mapper=ramulator.channel_mapper.CacheLineInterleave(),
    ).to_config()


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, std, org, timing, ctrl_cls, nch in SYSTEMS:
        for mapper in ("RoBaRaCoCh", "ChRaBaRoCo"):
            if mapper == "ChRaBaRoCo" and name != "HBM2_2000_1ch":
                continue
            ms = mem_system(std, org, timing, ctrl_cls, nch, mapper)
            for mode in ("saturate", "serial"):
                cfg = {
                    "frontend": {
                        "impl": "ValidationTrace",
                        "clock_ratio": 1,
                        "path": "TRACE_PATH",
                        "mode": mode,
                        "max_issue_per_tick": 1024,
                    },
                    "memory_system": ms,
                }
                fn = os.path.join(OUT, f"{name}_{mapper}_{mode}.yaml")
                with open(fn, "w") as f:
                    f.write(dict_to_yaml(cfg))
                print(fn)


if __name__ == "__main__":
    main()
