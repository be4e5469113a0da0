"""Paired comparison of skopt_lite revisions on one half of quality.py's problems.

Each revision is a snapshot of the library (``git archive REV skopt_lite | tar -x -C DIR``)
whose runs were made with ``quality.py --skopt-lite-path DIR --no-prune`` and kept in
``results/revisions.jsonl``; the runs are told apart by the hash of the snapshot's
source. Scores are Bayesmark's, against the ``sklearn_random`` runs of
``results/quality.jsonl``; differences are paired by problem and seed against the first
revision. A problem's optimum, where it has no known one, is the best loss among the runs
compared (the revisions named, ``sklearn_random`` and ``--peers``), so scores and
differences move a little with what is compared together: quote them with their command.

Usage::

    python benchmarks/compare_revisions.py --budget 30 --problems dev \\
        main=/tmp/snap-main candidate=/tmp/snap-candidate [--peers optuna_gp,optuna_tpe]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _common  # noqa: E402
import problems as problems_mod  # noqa: E402


def best_losses(
    caches: list, budget: int, hashes: dict, seeds: range = range(10), peers: tuple = ()
) -> dict:
    """``{(tag, problem): {seed: best loss}}`` of the revisions, sklearn_random and ``peers``.

    The revisions' runs of seeds outside ``seeds`` are left out; ``peers``
    are methods of ``quality.py`` (``optuna_gp``, ...), tagged by their name.
    """
    best = defaultdict(dict)
    lines = [line for cache in caches for line in Path(cache).read_text().splitlines()]
    for line in lines:
        if not line.strip():
            continue
        run = json.loads(line)
        key = run["key"]
        if key["budget"] != budget:
            continue
        tag = key["method"]
        if tag == "skopt_lite" and key["seed"] not in seeds:
            continue
        if tag == "skopt_lite":
            tag = hashes.get(key["versions"].get("skopt_lite_src"))
        elif tag != "sklearn_random" and tag not in peers:
            continue
        if tag is not None:
            losses = _common.best_so_far(run["result"]["losses"])
            best[(tag, key["problem"])][key["seed"]] = float(losses[-1])
    return best


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("revisions", nargs="+", help="NAME=DIR, the first is the reference")
    p.add_argument("--budget", type=int, default=30)
    p.add_argument("--problems", default="dev")
    p.add_argument("--cache", default=str(HERE / "results" / "revisions.jsonl"))
    p.add_argument(
        "--seeds", type=int, default=10, help="the revisions' number of seeds (default 10)"
    )
    p.add_argument("--first-seed", type=int, default=0, help="the revisions' first seed")
    p.add_argument(
        "--peers",
        default="",
        help="comma-separated quality.py methods to compare each revision with, paired",
    )
    args = p.parse_args(argv)
    peers = tuple(m for m in args.peers.split(",") if m)
    names = {}
    for item in args.revisions:
        name, _, directory = item.partition("=")
        # Runs are keyed by the hash of every source file (older runs) or of those
        # BayesSearchCV runs (quality.py since 26a208c): either names the revision.
        package = Path(directory) / "skopt_lite"
        names[_common.source_hash(package)] = name
        names[_common.source_hash(package, _common.NOT_RUN_BY_BAYES)] = name
    order = list(dict.fromkeys(names.values()))  # the revisions, each once
    caches = [args.cache, HERE / "results" / "quality.jsonl"]
    seeds = range(args.first_seed, args.first_seed + args.seeds)
    best = best_losses(caches, args.budget, names, seeds, peers)
    scores = defaultdict(dict)
    for prob in problems_mod.select(args.problems):
        rand_runs = best.get(("sklearn_random", prob.name))
        if not rand_runs:
            continue
        rand = float(np.median(list(rand_runs.values())))
        found = [v for (_, name), runs in best.items() if name == prob.name for v in runs.values()]
        opt = prob.optimum if prob.optimum is not None else min(found)
        for tag in (*order, *peers):
            runs = best.get((tag, prob.name), {})
            if runs:
                scores[tag][prob.name] = {
                    s: float(_common.bayesmark_score(v, rand, opt)) for s, v in runs.items()
                }
    for tag in (*order, *peers):
        per, (m, se) = _common.summary(scores[tag])
        print(f"{tag:20s} mean {m:6.1f} ± {se:4.1f}  ({len(per)} problems)")
    pairs = [(tag, order[0]) for tag in order[1:]]
    pairs += [(tag, peer) for tag in order for peer in peers]
    for tag, ref in pairs:
        per, (m, se) = _common.paired(scores[tag], scores[ref])
        if not per:  # e.g. peers, run on seeds 0-9 only, against --first-seed 20
            print(f"\n{tag} - {ref}: no problem and seed in common")
            continue
        print(f"\n{tag} - {ref}: {m:+.1f} ± {se:.1f} paired ({m / se:+.1f} SE)")
        for name, (dm, dse, n) in sorted(per.items(), key=lambda t: t[1][0]):
            print(f"    {name:30s} {dm:+7.1f} ± {dse:5.1f}  (n={n})")


if __name__ == "__main__":
    main()
