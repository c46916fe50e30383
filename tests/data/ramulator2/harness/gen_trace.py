#!/usr/bin/env python3
"""Trace generator for the Ramulator 2.1 HBM validation runs.
usage: gen_trace.py <pattern> <N> <capacity_bytes> <out_file>
Output lines: "R 0x<addr>" or "W 0x<addr>" (byte addresses, 32-byte requests).
Patterns: seq_read seq_write mix_2r1w rand_read64 lat_rand32 lat_seq32
SplitMix64 seed 1 (state starts at 1), uint64 arithmetic.
"""
import sys

M64 = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed=1):
        self.state = seed & M64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & M64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        return z ^ (z >> 31)


def gen(pattern, n, cap):
    rng = SplitMix64(1)
    if pattern == "seq_read" or pattern == "lat_seq32":
        for i in range(n):
            yield "R", (i * 32) % cap
    elif pattern == "seq_write":
        for i in range(n):
            yield "W", (i * 32) % cap
    elif pattern == "mix_2r1w":
        for i in range(n):
            yield ("W" if i % 3 == 2 else "R"), (i * 32) % cap
    elif pattern == "rand_read64":
        assert n % 2 == 0
        for _ in range(n // 2):
            b = rng.next() % (cap // 64)
            yield "R", b * 64
            yield "R", b * 64 + 32
    elif pattern == "lat_rand32":
        for _ in range(n):
            yield "R", (rng.next() % (cap // 32)) * 32
    else:
        raise SystemExit("unknown pattern " + pattern)


def main():
    pattern, n, cap, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    with open(out, "w") as f:
        f.write("".join(f"{op} 0x{a:x}\n" for op, a in gen(pattern, n, cap)))


if __name__ == "__main__":
    main()
