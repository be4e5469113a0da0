"""python -m skopt_lite.demo: one row per search, from real fits."""

import subprocess
import sys


def test_demo_prints_one_row_per_search_with_the_budget():
    out = subprocess.run(
        [sys.executable, "-m", "skopt_lite.demo", "--budget", "4"],
        capture_output=True,
        text=True,
        timeout=240,
        check=True,
    ).stdout
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("search"))
    assert "best CV accuracy" in lines[header] and "wall time" in lines[header]
    rows = [line.split() for line in lines[header + 2 :] if line.strip()]
    counts = {row[0]: int(row[1]) for row in rows}
    assert counts == {
        "ExhaustiveSearchCV": 24,  # 2 kernels x 6 values of C x 2 of gamma
        "GridSearchCV": 4,  # a 2 x 2 grid
        "RandomSearchCV": 4,
        "BayesSearchCV": 4,
    }
    for row in rows:
        assert 0.85 < float(row[2]) <= 1.0  # an SVC on the breast-cancer data
        assert row[4] == "s" and float(row[3]) > 0
        assert "C=" in " ".join(row[5:])
