#!/usr/bin/env python3
"""Compares an oracle CSV (expected/<case>.csv) with a capsim monthly.csv of the same case run with samples: 1.

Usage: python3 compare.py expected/<case>.csv <out>/<name>/monthly.csv [rel_tol] [abs_tol]

Rows are matched on (month, scope, metric); the monthly.csv value is its `mean` column (with one
sample every statistic equals the value). A value differs when |a - b| > abs_tol + rel_tol * max(|a|, |b|)
(defaults 1e-9 and 1e-6: the two implementations sum in different orders). Prints every difference,
every row present on one side only, and exits 1 when there is any.
"""

import csv
import sys


def read(path, value_column):
    rows = {}
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows[(r["month"][:7], r["scope"], r["metric"])] = float(r[value_column])
    return rows


def main(argv):
    if len(argv) not in (3, 4, 5):
        print(__doc__, file=sys.stderr)
        return 2
    rel_tol = float(argv[3]) if len(argv) > 3 else 1e-9
    abs_tol = float(argv[4]) if len(argv) > 4 else 1e-6
    expected = read(argv[1], "value")
    actual = read(argv[2], "mean")
    problems = 0
    for key in sorted(expected.keys() | actual.keys()):
        if key not in actual:
            print(f"missing in monthly.csv: {key}")
        elif key not in expected:
            print(f"not in the oracle's output: {key}")
        else:
            a, b = expected[key], actual[key]
            if abs(a - b) <= abs_tol + rel_tol * max(abs(a), abs(b)):
                continue
            print(f"{key[0]} {key[1]} {key[2]}: oracle {a!r}, capsim {b!r}")
        problems += 1
    print(f"{problems} difference(s) in {len(expected)} oracle rows")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
