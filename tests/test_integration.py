"""The searches in the wider ecosystem: a real Dask cluster, scikit-learn's callbacks, pandas."""

import warnings
from collections import Counter

import joblib
import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_iris
from sklearn.svm import SVC

from skopt_lite import (
    BayesSearchCV,
    ExhaustiveSearchCV,
    GridSearchCV,
    HalvingBayesSearchCV,
    Integer,
    RandomSearchCV,
    Real,
)

X, Y = load_iris(return_X_y=True)

SEARCHES = {
    "exhaustive": lambda **kw: ExhaustiveSearchCV(
        SVC(), {"C": [0.1, 1, 10], "kernel": ["linear", "rbf"]}, cv=3, **kw
    ),
    "grid": lambda **kw: GridSearchCV(
        SVC(), {"C": Real(1e-2, 1e2, prior="log-uniform")}, n_points=4, cv=3, **kw
    ),
    "random": lambda **kw: RandomSearchCV(
        SVC(kernel="poly"), {"C": Real(1e-2, 1e2), "degree": Integer(1, 3)}, n_iter=5,
        cv=3, random_state=0, **kw
    ),
    "bayes": lambda **kw: BayesSearchCV(
        SVC(), {"C": (1e-2, 1e2, "log-uniform"), "gamma": (1e-3, 1.0, "log-uniform")},
        n_iter=6, n_points=2, cv=3, random_state=0,
        optimizer_kwargs={"n_initial_points": 2}, **kw
    ),
    "halving": lambda **kw: HalvingBayesSearchCV(
        SVC(), {"C": (1e-2, 1e2, "log-uniform"), "gamma": (1e-3, 1.0, "log-uniform")},
        min_resources=30, n_brackets=3, cv=3, random_state=0, **kw
    ),
}


@pytest.fixture(scope="module")
def dask_client():
    distributed = pytest.importorskip("distributed")  # the `test` extra installs it
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.mark.parametrize("name", SEARCHES)
def test_search_on_a_dask_cluster_equals_the_sequential_run(name, dask_client):
    from distributed import get_task_stream

    sequential = SEARCHES[name](n_jobs=1).fit(X, Y)
    with joblib.parallel_config(backend="dask"), get_task_stream(dask_client) as stream:
        distributed = SEARCHES[name](n_jobs=-1).fit(X, Y)
    assert distributed.cv_results_["params"] == sequential.cv_results_["params"]
    for key in ("mean_test_score", "rank_test_score", "split0_test_score"):
        np.testing.assert_array_equal(distributed.cv_results_[key], sequential.cv_results_[key])
    # The fold fits really ran as tasks on the cluster's workers.
    assert len(stream.data) > 0
    assert {t["worker"] for t in stream.data} <= set(dask_client.scheduler_info()["workers"])


@pytest.mark.parametrize("name", SEARCHES)
def test_cv_results_make_a_dataframe_with_masked_param_columns(name):
    search = SEARCHES[name]().fit(X, Y)
    frame = pd.DataFrame(search.cv_results_)
    assert len(frame) == len(search.cv_results_["params"])
    params = [c for c in frame.columns if c.startswith("param_")]
    assert params and all(isinstance(search.cv_results_[c], np.ma.MaskedArray) for c in params)
    assert frame["rank_test_score"].min() == 1


class _Recorder:
    """A scikit-learn >= 1.9 fit callback that records the tasks it sees."""

    def __init__(self):
        self.events = []

    def setup(self, estimator, context):
        pass

    def teardown(self, estimator, context):
        pass

    def on_fit_task_begin(self, estimator, context, **kwargs):
        self.events.append(("begin", context.task_name))

    def on_fit_task_end(self, estimator, context, **kwargs):
        self.events.append(("end", context.task_name))


@pytest.mark.parametrize("name", SEARCHES)
def test_sklearn_callback_hooks_see_every_fold_fit(name):
    pytest.importorskip("sklearn.callback", reason="scikit-learn < 1.9 has no callbacks")
    search = SEARCHES[name]()
    recorder = _Recorder()
    search.set_callbacks(recorder).fit(X, Y)
    counts = Counter(recorder.events)
    n_fits = len(search.cv_results_["params"]) * search.n_splits_
    assert counts[("begin", "candidate-split-evaluation")] == n_fits
    assert counts[("end", "candidate-split-evaluation")] == n_fits
    assert counts[("begin", "search")] == counts[("end", "search")] == 1
    assert counts[("begin", "fit")] == counts[("end", "fit")] == 1
    if name == "bayes":
        assert counts[("begin", "batch")] == counts[("end", "batch")] == 3  # 6 / n_points


@pytest.mark.parametrize("name", SEARCHES)
def test_sklearn_progress_bar_runs_to_completion(name, capsys):
    pytest.importorskip("sklearn.callback", reason="scikit-learn < 1.9 has no callbacks")
    from sklearn.callback import ProgressBar

    with warnings.catch_warnings():
        # SVC itself takes no callbacks; scikit-learn says so for its own searches too.
        warnings.filterwarnings("ignore", message="The estimator SVC does not support")
        search = SEARCHES[name]().set_callbacks(ProgressBar()).fit(X, Y)
    assert len(search.cv_results_["params"]) > 0
    out = capsys.readouterr()
    # The progress monitor runs in a thread: a failure there only shows on stderr.
    assert "Traceback" not in out.err and "Exception" not in out.err
    assert "100%" in out.out + out.err


@pytest.mark.parametrize("name", SEARCHES)
def test_sklearn_scoring_monitor_behaves_as_on_sklearns_own_search(name):
    pytest.importorskip("sklearn.callback", reason="scikit-learn < 1.9 has no callbacks")
    from sklearn.callback import ScoringMonitor
    from sklearn.model_selection import GridSearchCV as SkGridSearchCV

    def outcome(search):
        monitor = ScoringMonitor(scoring="accuracy")
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="The estimator SVC does not support")
            search.set_callbacks(monitor).fit(X, Y)
        try:
            return type(monitor.get_logs()).__name__
        except ValueError as exc:  # SVC reports no scores to monitor, in either search
            return str(exc)

    reference = outcome(SkGridSearchCV(SVC(), {"C": [0.1, 1]}, cv=3))
    assert outcome(SEARCHES[name]()) == reference
