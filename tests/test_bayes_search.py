"""BayesSearchCV as a scikit-optimize user and a scikit-learn user rely on it."""

import warnings

import numpy as np
import pytest
from conftest import X_SMALL, Y_SMALL, FakeClock, Quadratic
from hypothesis import given
from hypothesis import strategies as st
from sklearn.base import clone
from sklearn.datasets import load_iris
from sklearn.decomposition import PCA
from sklearn.exceptions import FitFailedWarning
from sklearn.linear_model import RidgeClassifier
from sklearn.model_selection import KFold, cross_val_score, cross_validate
from sklearn.pipeline import Pipeline
from sklearn.svm import SVC

from skopt_lite import BayesSearchCV, Categorical, Integer, RandomSearchCV, Real, bayes_search
from skopt_lite.callbacks import CheckpointSaver, DeadlineStopper
from skopt_lite.space import Space

X_IRIS, Y_IRIS = load_iris(return_X_y=True)
FAST = {"n_initial_points": 4}


SPACE = {"x": Real(-1.0, 1.0), "k": Integer(0, 10), "c": Categorical(["a", "b", None, (1, 2)])}


def _search(**kwargs):
    params = dict(n_iter=12, cv=2, random_state=0, optimizer_kwargs=FAST)
    params.update(kwargs)
    return BayesSearchCV(Quadratic(), params.pop("search_spaces", SPACE), **params)


def test_basic_fit_predicts_and_finds_good_region():
    search = _search(n_iter=25).fit(X_SMALL, Y_SMALL)
    res = search.cv_results_
    assert len(res["params"]) == 25
    assert search.best_score_ == np.nanmax(res["mean_test_score"])
    assert search.best_params_["c"] == "b"
    assert search.predict(X_SMALL).shape == (60,)
    # Better than the average of random candidates: the optimiser learned something.
    assert search.best_score_ > np.median(res["mean_test_score"])


def test_skopt_shorthand_tuples_are_ranges_and_lists_are_choices():
    search = BayesSearchCV(
        SVC(),
        {"C": (1e-3, 1e3, "log-uniform"), "degree": (1, 4), "kernel": ["linear", "rbf"]},
        n_iter=6,
        cv=2,
        random_state=0,
        optimizer_kwargs=FAST,
    ).fit(X_IRIS, Y_IRIS)
    space = search.optimizer_results_[0].space
    kinds = {d.name: type(d).__name__ for d in space.dimensions}
    assert kinds == {"C": "Real", "degree": "Integer", "kernel": "Categorical"}
    assert space.dimensions[0].prior == "log-uniform"
    for p in search.cv_results_["params"]:
        assert type(p["C"]) is float and 1e-3 <= p["C"] <= 1e3
        assert type(p["degree"]) is int and 1 <= p["degree"] <= 4


def test_total_iterations_for_every_form():
    a = {"x": Real(0, 1)}
    assert BayesSearchCV(Quadratic(), a, n_iter=7).total_iterations == 7
    assert BayesSearchCV(Quadratic(), [a, a], n_iter=7).total_iterations == 14
    assert BayesSearchCV(Quadratic(), [(a, 3), a], n_iter=7).total_iterations == 10


def test_list_of_subspaces_with_n_iter_and_results_per_subspace():
    spaces = [({"x": Real(-1, 1), "c": ["a"]}, 5), {"x": Real(0, 1), "c": ["b"]}]
    search = _search(search_spaces=spaces, n_iter=4).fit(X_SMALL, Y_SMALL)
    params = search.cv_results_["params"]
    assert [p["c"] for p in params] == ["a"] * 5 + ["b"] * 4
    assert len(search.optimizer_results_) == 2
    r0, r1 = search.optimizer_results_
    assert len(r0.x_iters) == 5 and len(r1.x_iters) == 4
    assert r1.fun == pytest.approx(-search.best_score_)
    assert all(type(v) in (float, str) for v in r0.x)


def test_pipeline_with_categorical_over_estimator_steps():
    pipe = Pipeline([("reduce", PCA()), ("clf", SVC())])
    spaces = [
        ({"clf": Categorical([SVC()]), "clf__C": Real(1e-2, 1e2, prior="log-uniform")}, 4),
        ({"clf": [RidgeClassifier()], "reduce__n_components": Integer(1, 4)}, 4),
    ]
    search = BayesSearchCV(pipe, spaces, cv=2, random_state=0, optimizer_kwargs=FAST)
    search.fit(X_IRIS, Y_IRIS)
    kinds = [type(p["clf"]).__name__ for p in search.cv_results_["params"]]
    assert kinds == ["SVC"] * 4 + ["RidgeClassifier"] * 4
    assert search.score(X_IRIS, Y_IRIS) > 0.8


def test_nested_in_cross_val_score():
    # Clone and pickle round trips are scikit-learn's estimator checks (test_common.py).
    scores = cross_val_score(_search(n_iter=5), X_SMALL, Y_SMALL, cv=2)
    assert scores.shape == (2,)


def test_multimetric_refit_by_name():
    search = BayesSearchCV(
        SVC(),
        {"C": Real(1e-3, 1e2, prior="log-uniform")},
        scoring={"acc": "accuracy", "f1": "f1_macro"},
        refit="f1",
        n_iter=6,
        cv=3,
        random_state=0,
        optimizer_kwargs=FAST,
    ).fit(X_IRIS, Y_IRIS)
    res = search.cv_results_
    assert search.best_index_ == int(np.argmax(res["mean_test_f1"]))
    # The optimiser minimised -f1: its record matches cv_results_.
    np.testing.assert_allclose(search.optimizer_results_[0].func_vals, -res["mean_test_f1"])


def test_user_dimensions_are_not_mutated():
    dims = {"x": Real(-1, 1), "c": Categorical(["a", "b"])}
    before = {k: (vars(v).copy()) for k, v in dims.items()}
    _search(search_spaces=dims, n_iter=4).fit(X_SMALL, Y_SMALL)
    assert {k: vars(v) for k, v in dims.items()} == before
    assert dims["x"].name is None


def test_finite_space_smaller_than_n_iter_stops_without_repeats():
    space = {"k": Integer(0, 2), "c": ["a", "b"]}
    with pytest.warns(UserWarning, match="all were evaluated"):
        search = _search(search_spaces=space, n_iter=20).fit(X_SMALL, Y_SMALL)
    params = [tuple(sorted(p.items(), key=str)) for p in search.cv_results_["params"]]
    assert len(params) == 6 == len(set(params))


def test_tuple_and_none_categories():
    space = {"c": Categorical([(1, 2), None, "a"]), "x": Real(0, 1)}
    search = _search(search_spaces=space, n_iter=8).fit(X_SMALL, Y_SMALL)
    seen = {repr(p["c"]) for p in search.cv_results_["params"]}
    assert seen <= {"(1, 2)", "None", "'a'"}
    assert search.best_params_["c"] in [(1, 2), None, "a"]


def test_failing_fits_in_part_of_the_space_are_recorded_and_avoided():
    search = BayesSearchCV(
        Quadratic(fail_above=0.5),
        {"x": Real(-1, 1)},
        n_iter=20,
        cv=2,
        random_state=1,
        optimizer_kwargs=FAST,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        search.fit(X_SMALL, Y_SMALL)
    res = search.cv_results_
    xs = np.array([p["x"] for p in res["params"]])
    failed = np.isnan(res["mean_test_score"])
    assert np.array_equal(failed, xs > 0.5)
    assert len(xs) == 20
    assert abs(search.best_params_["x"] - 0.3) < 0.2
    # After the initial design the optimiser mostly stays where fits succeed.
    assert failed[4:].mean() < 0.5


def test_a_batch_whose_fits_all_fail_does_not_end_the_search():
    # n_points=1: every failing candidate is a batch whose fits all fail.
    search = BayesSearchCV(
        Quadratic(fail_above=0.0),
        {"x": Real(-1, 1)},
        n_iter=10,
        cv=2,
        random_state=0,
        optimizer_kwargs=FAST,
    )
    with pytest.warns(FitFailedWarning, match="6 fits failed out of a total of 20"):
        search.fit(X_SMALL, Y_SMALL)
    res = search.cv_results_
    assert len(res["params"]) == 10
    xs = np.array([p["x"] for p in res["params"]])
    np.testing.assert_array_equal(np.isnan(res["mean_test_score"]), xs > 0)
    assert search.best_params_["x"] <= 0


def _warning_lines(search):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        search.fit(X_SMALL, Y_SMALL)
    return caught, sum(len(str(w.message).splitlines()) for w in caught)


def test_failed_fits_are_reported_once_per_search_as_random_search_does():
    # A model that fails in part of the space, with error_score=nan: one warning
    # for the whole search, each distinct error once (it was one full traceback
    # per failing batch: 107 lines against RandomSearchCV's 22).
    model = Quadratic(fail_above=0.2)
    bayes, bayes_lines = _warning_lines(
        BayesSearchCV(model, {"x": Real(-1, 1)}, n_iter=15, cv=2, random_state=0)
    )
    _, random_lines = _warning_lines(
        RandomSearchCV(model, {"x": Real(-1, 1)}, n_iter=15, cv=2, random_state=0)
    )
    failed = [w for w in bayes if issubclass(w.category, FitFailedWarning)]
    assert len(failed) == 1
    assert str(failed[0].message).count("ValueError: deliberate failure") == 1
    assert bayes_lines <= random_lines + 2


def test_nan_scores_do_not_break_the_optimiser():
    search = BayesSearchCV(
        Quadratic(nan_above=0.6), {"x": Real(-1, 1)}, n_iter=15, cv=2, random_state=0,
        optimizer_kwargs=FAST,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        search.fit(X_SMALL, Y_SMALL)
    assert len(search.cv_results_["params"]) == 15
    assert np.isfinite(search.best_score_)


def test_callback_returning_true_ends_the_whole_search_and_refits():
    calls = []

    def stop_after_three(result):
        calls.append(len(result.x_iters))
        return len(calls) == 3

    spaces = [{"x": Real(-1, 1)}, {"x": Real(-1, 1), "c": ["b"]}]
    search = _search(search_spaces=spaces, n_iter=10)
    search.fit(X_SMALL, Y_SMALL, callback=stop_after_three)
    assert calls == [1, 2, 3]
    assert len(search.cv_results_["params"]) == 3
    assert hasattr(search, "best_estimator_")


def test_bad_optimizer_kwargs_and_callbacks_fail_at_fit():
    search = _search(optimizer_kwargs={"acq_fnuc": "EI"})
    with pytest.raises(ValueError, match="acq_fnuc"):
        search.fit(X_SMALL, Y_SMALL)
    with pytest.raises(ValueError, match="random_state"):
        _search(optimizer_kwargs={"random_state": 1}).fit(X_SMALL, Y_SMALL)
    with pytest.raises(TypeError, match="callback"):
        _search().fit(X_SMALL, Y_SMALL, callback=3)
    with pytest.raises(ValueError, match="n_iter"):
        BayesSearchCV(Quadratic(), [({"x": Real(0, 1)}, 0)]).fit(X_SMALL, Y_SMALL)
    with pytest.raises(TypeError, match="distribution"):
        from scipy.stats import uniform

        BayesSearchCV(Quadratic(), {"x": uniform()}).fit(X_SMALL, Y_SMALL)


def _candidates(search):
    return [tuple(sorted(p.items(), key=str)) for p in search.cv_results_["params"]]


@pytest.mark.parametrize("n_points", [1, 3])
def test_same_seed_same_candidates_whatever_n_jobs(n_points):
    runs = [
        _search(n_iter=9, n_points=n_points, n_jobs=n_jobs).fit(X_SMALL, Y_SMALL)
        for n_jobs in (1, 2)
    ]
    assert _candidates(runs[0]) == _candidates(runs[1])
    np.testing.assert_array_equal(
        runs[0].cv_results_["mean_test_score"], runs[1].cv_results_["mean_test_score"]
    )


@given(
    seed=st.integers(0, 2**16),
    n_points=st.integers(1, 3),
    low=st.floats(-5, 4),
    width=st.floats(0.1, 5),
)
def test_candidates_lie_in_space_are_distinct_and_best_is_max(seed, n_points, low, width):
    space = {"x": Real(low, low + width), "k": Integer(0, 3), "c": ["a", "b"]}
    search = _search(search_spaces=space, n_iter=7, n_points=n_points, random_state=seed)
    search.fit(X_SMALL, Y_SMALL)
    params = search.cv_results_["params"]
    assert len(params) == 7
    as_space = Space(space)
    for p in params:
        assert [p[n] for n in as_space.names] in as_space
    assert len(set(_candidates(search))) == 7
    assert search.best_score_ == np.max(search.cv_results_["mean_test_score"])


def test_fold_scores_equal_cross_validate_of_the_same_parameters():
    cv = KFold(3, shuffle=True, random_state=0)
    search = BayesSearchCV(
        RidgeClassifier(),
        {"alpha": Real(1e-3, 1e2, prior="log-uniform")},
        n_iter=4,
        cv=cv,
        random_state=0,
        optimizer_kwargs=FAST,
    ).fit(X_IRIS, Y_IRIS)
    res = search.cv_results_
    for i, params in enumerate(res["params"]):
        expected = cross_validate(
            RidgeClassifier(**params), X_IRIS, Y_IRIS, cv=cv
        )["test_score"]
        got = [res[f"split{j}_test_score"][i] for j in range(3)]
        np.testing.assert_allclose(got, expected)


def test_verbose_prints_one_line_per_batch(capsys):
    _search(n_iter=4, n_points=2, verbose=1).fit(X_SMALL, Y_SMALL)
    lines = [ln for ln in capsys.readouterr().out.splitlines() if "[BayesSearchCV]" in ln]
    assert len(lines) == 2
    assert "4/4 evaluated" in lines[-1] and "best score so far" in lines[-1]


def test_verbose_2_prints_one_line_per_candidate_with_score_and_best(capsys):
    search = _search(n_iter=4, n_points=2, verbose=2).fit(X_SMALL, Y_SMALL)
    out = capsys.readouterr().out.splitlines()
    lines = [ln for ln in out if ln.startswith("[BayesSearchCV]")]
    res = search.cv_results_
    assert len(lines) == 4  # one per candidate, no batch lines
    best = -np.inf
    for i, (line, params, score) in enumerate(zip(lines, res["params"], res["mean_test_score"])):
        best = max(best, score)
        # parameters in name order, floats to 6 significant digits
        shown = f"c={params['c']!r}, k={params['k']}, x={params['x']:.6g}"
        assert line == f"[BayesSearchCV] {i + 1}/4 {shown} -> score {score:.6g} (best {best:.6g})"
    # scikit-learn's own messages are still printed: per batch, and per fit from 2
    assert sum(ln.startswith("Fitting 2 folds") for ln in out) == 2
    assert sum(ln.startswith("[CV] END") for ln in out) == 8


def test_verbose_2_shows_the_refit_metric_of_several(capsys):
    scoring = {
        "plain": lambda est, X, y: est.score(X, y),
        "double": lambda est, X, y: 2 * est.score(X, y),
    }
    search = _search(n_iter=2, verbose=2, scoring=scoring, refit="double").fit(X_SMALL, Y_SMALL)
    lines = [ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("[BayesSearchCV]")]
    scores = search.cv_results_["mean_test_double"]
    assert [ln.split(" -> score ")[1].split(" ")[0] for ln in lines] == [f"{s:.6g}" for s in scores]


def test_verbose_documents_its_levels():
    assert "one line per evaluated candidate" in BayesSearchCV.__doc__


def test_timeout_overruns_by_at_most_one_batch_as_deadline_stopper(monkeypatch, capsys):
    # This is also the test of DeadlineStopper inside a search: both stop at the same batch.
    # The search reads time through its module's ``time``: with a fake clock
    # every batch takes the same time and nothing depends on the machine.
    monkeypatch.setattr(bayes_search, "time", FakeClock(step=1 / 16))
    seen = []

    def record(result):
        seen.append((result["elapsed_time"], result["batch_times"][-1]))

    search = _search(n_iter=40, n_points=2, timeout=1.0, verbose=1)
    search.fit(X_SMALL, Y_SMALL, callback=record)
    n = len(search.cv_results_["params"])
    assert 2 <= n < 40 and len(seen) == n // 2  # stopped early, after whole batches
    elapsed, last = seen[-1]
    assert elapsed + last >= 1.0  # the next batch might not have fitted ...
    assert elapsed - 1.0 <= last  # ... and the overrun is at most one batch
    assert all(e + t < 1.0 for e, t in seen[:-1])  # it did not stop any sooner
    assert f"timeout=1s: stopping after {n} evaluations" in capsys.readouterr().out
    # the very stop DeadlineStopper makes
    monkeypatch.setattr(bayes_search, "time", FakeClock(step=1 / 16))
    same = _search(n_iter=40, n_points=2).fit(
        X_SMALL, Y_SMALL, callback=[record, DeadlineStopper(1.0)]
    )
    assert same.cv_results_["params"] == search.cv_results_["params"]


def test_timeout_is_a_parameter_checked_at_fit():
    search = _search(n_iter=2, timeout=float("inf"))
    assert search.get_params()["timeout"] == float("inf")
    assert clone(search).timeout == float("inf")
    assert len(search.fit(X_SMALL, Y_SMALL).cv_results_["params"]) == 2  # no limit
    assert BayesSearchCV(Quadratic(), SPACE).timeout is None
    for bad in (0, -1.0, "10", float("nan")):
        with pytest.raises(ValueError, match="timeout"):
            _search(n_iter=2, timeout=bad).fit(X_SMALL, Y_SMALL)


RANGE_WARNING = "A list of two numbers is two choices"


@pytest.mark.parametrize(
    "space, shown",
    [
        (
            {"k": [1, 10], "x": Real(-1, 1)},
            ["search_spaces['k'] = [1, 10]", "Integer(1, 10) or (1, 10)", "Categorical([1, 10])"],
        ),
        (
            {"k": [1, 10], "x": [0.1, 0.9]},
            ["search_spaces['k']", "search_spaces['x'] = [0.1, 0.9]", "Real(0.1, 0.9) or"],
        ),
        (
            [{"x": Real(0, 1)}, ({"x": [0.1, 0.9]}, 2), {"k": [3, 4]}],
            ["search_spaces[1][0]['x'] = [0.1, 0.9]", "search_spaces[2]['k'] = [3, 4]"],
        ),
    ],
)
def test_two_number_list_warns_once_per_fit_naming_the_parameters(space, shown):
    search = _search(search_spaces=space, n_iter=2)
    for _ in range(2):
        with pytest.warns(UserWarning, match=RANGE_WARNING) as record:
            search.fit(X_SMALL, Y_SMALL)
        ours = [w for w in record if RANGE_WARNING in str(w.message)]
        assert len(ours) == 1 and ours[0].filename == __file__  # at the user's fit
        assert all(text in str(ours[0].message) for text in shown)


@pytest.mark.parametrize(
    "entry", [(1, 10), Categorical([1, 10]), Integer(1, 10), [1, 5, 10], [10, 1], [7]]
)
def test_no_two_number_warning_for_ranges_categoricals_or_other_lists(entry):
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=RANGE_WARNING)
        search = _search(search_spaces={"k": entry, "c": ["a", "b"]}, n_iter=2)
        search.fit(X_SMALL, Y_SMALL)
    assert len(search.cv_results_["params"]) == 2


class _AnyTypes(Quadratic):
    """Quadratic without the check that its parameters are native Python numbers."""

    def fit(self, X, y):
        self.classes_ = np.unique(y)
        return self


def test_dimension_dtype_reaches_the_estimator_and_survives_resume(tmp_path):
    space = {"x": Real(-1, 1, dtype="float32"), "k": Integer(0, 10, dtype=np.int16)}
    full = BayesSearchCV(
        _AnyTypes(), space, n_iter=6, n_points=2, cv=2, random_state=0, optimizer_kwargs=FAST
    ).fit(X_SMALL, Y_SMALL)
    for params in full.cv_results_["params"]:
        assert type(params["x"]) is np.float32 and type(params["k"]) is np.int16
    path = str(tmp_path / "search.json")
    first = clone(full).fit(
        X_SMALL, Y_SMALL, callback=[CheckpointSaver(path), lambda r: len(r.func_vals) >= 4]
    )
    assert len(first.cv_results_["params"]) == 4
    resumed = clone(full).fit(X_SMALL, Y_SMALL, resume_from=path)
    assert resumed.cv_results_["params"] == full.cv_results_["params"]
    assert [type(v) for v in resumed.cv_results_["params"][0].values()] == [np.int16, np.float32]
