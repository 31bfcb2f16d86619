"""Compares two sweep folders: sweep.csv and aggregate.csv without their wall-time columns, and every file under
runs/ without its wall-time lines. Exit 0 when all are identical. Usage: compare.py DIR_A DIR_B"""
import csv
import io
import pathlib
import sys

WALL = ("wall", "train_seconds")


def table(p):
    rows = list(csv.reader(io.StringIO(p.read_text())))
    keep = [i for i, h in enumerate(rows[0]) if not any(w in h for w in WALL)]
    return [[r[i] for i in keep] for r in rows]


def runs(d):
    return {str(f.relative_to(d)): [l for l in f.read_text().splitlines()
                                    if '"wall_time_s"' not in l and '"tasks_per_wall_second"' not in l]
            for f in sorted((d / "runs").rglob("*")) if f.is_file() and f.suffix in (".json", ".csv", ".yaml", ".txt")}


a, b = map(pathlib.Path, sys.argv[1:3])
ok = True
for t in ("sweep.csv", "aggregate.csv"):
    same = table(a / t) == table(b / t)
    ok &= same
    print(f"{t}: {len(table(a / t)) - 1} rows, {'identical' if same else 'DIFFERENT'} apart from wall-time columns")
ra, rb = runs(a), runs(b)
same = ra == rb
ok &= same
print(f"runs/: {len(ra)} files, {'identical' if same else 'DIFFERENT'} apart from wall-time lines")
sys.exit(0 if ok else 1)
