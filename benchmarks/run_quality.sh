#!/usr/bin/env bash
# The runs of issue 11's benchmark in priority order, one process at a time (the other core
# stays free). Rerun to resume: every cached run is skipped, so only what is missing runs.
#   nohup nice -n 10 benchmarks/run_quality.sh > /tmp/quality_run.log 2>&1 &
#
# Estimated time on the 2-core machine, one process (from the first 220 runs: a mean
# evaluation costs 176 ms over all problems, 203 ms over the held-out ones; optimiser
# overhead per evaluation from the smoke runs: TPE/hyperopt ~5 ms, Optuna GP ~0.3 s,
# SMAC ~0.4-0.6 s, scikit-optimize ~1-1.5 s, HEBO ~4-6 s):
#   step 1 (random search, all problems): 0.7 h at 30 + 2.3 h at 100
#   step 2 (held-out, 30): fast peers 3.0 h, scikit-optimize 1.1 h, HEBO 4.0 h
#   step 3 (held-out, 100): fast peers 11.9 h, scikit-optimize 5.7 h, HEBO 20.7 h
#   about 49 h in all; through step 2 about 11 h.
set -u
cd "$(dirname "$0")/.."
PY=${PY:-/work/bench-venv/bin/python}
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
q() { echo "== $(date -u +%FT%TZ) quality.py $*"; "$PY" benchmarks/quality.py "$@"; }

FAST=optuna_gp,optuna_tpe,smac,hyperopt
SLOW=skopt,hebo  # minutes per run here: 5 seeds, held-out half only
# 1. The reference every score is normalised by.
q --methods sklearn_random --problems all --seeds 10 --budget 30
q --methods sklearn_random --problems all --seeds 10 --budget 100
# 2. The peers on the held-out half, budget 30.
q --methods "$FAST" --problems heldout --seeds 10 --budget 30
q --methods "$SLOW" --problems heldout --seeds 5 --budget 30
# 3. The same at budget 100.
q --methods "$FAST" --problems heldout --seeds 10 --budget 100
q --methods "$SLOW" --problems heldout --seeds 5 --budget 100
echo "== $(date -u +%FT%TZ) done"
