#!/usr/bin/env bash
# The runs of issue 11's benchmark in priority order, one process at a time (the other core
# stays free). Rerun to resume: every cached run is skipped, so only what is missing runs.
#   nohup nice -n 10 benchmarks/run_quality.sh > /tmp/quality_run.log 2>&1 &
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
