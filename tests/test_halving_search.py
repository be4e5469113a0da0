"""HalvingBayesSearchCV: scikit-learn's halving schedule, Hyperband brackets, Bayesian proposals."""

import math
import warnings

import numpy as np
import pytest
from conftest import X_SMALL, Y_SMALL, FakeClock, Quadratic
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import uniform
from sklearn.exceptions import FitFailedWarning
from sklearn.experimental import enable_halving_search_cv  # noqa: F401
from sklearn.model_selection import HalvingRandomSearchCV, KFold

from skopt_lite import BayesSearchCV, Categorical, HalvingBayesSearchCV, Real, dummy_minimize
from skopt_lite import halving_search as halving_module
from skopt_lite.callbacks import CheckpointSaver, DeadlineStopper
from skopt_lite.halving_search import halving_schedule

FAST = {"acq_optimizer_kwargs": {"n_points": 200, "n_restarts_optimizer": 1}}
SPACE = {"x": Real(-1.0, 1.0), "c": Categorical(["a", "b", (1, 2)])}
BONUS = {"a": 0.0, "b": 0.5, (1, 2): 0.1}
COMPARED = ("params", "mean_test_score", "iter", "n_resources", "bracket")


class Free(Quadratic):
    """Quadratic whose fit takes any number type (scikit-learn's sampler gives NumPy floats)."""

    def fit(self, X, y):
        self.classes_ = np.unique(y)
        return self


def _search(estimator=None, **kw):
    """A search over x and c with k, the toy's integer parameter, as the resource.

    Quadratic's score improves as k nears 7, as a model's improves with more
    trees or epochs. With min 1, max 9 and factor 3 there are three iterations
    (k = 1, 3, 9) and three brackets of 9, 5 and 3 new candidates.
    """
    params = dict(
        resource="k", min_resources=1, max_resources=9, cv=2, random_state=0,
        optimizer_kwargs=FAST,
    )
    params.update(kw)
    space = params.pop("search_spaces", SPACE)
    return HalvingBayesSearchCV(estimator or Quadratic(), space, **params)


def _assert_same(a, b):
    for key in COMPARED:
        if key == "params":
            assert a.cv_results_[key] == b.cv_results_[key]
        else:
            np.testing.assert_array_equal(a.cv_results_[key], b.cv_results_[key])
    assert a.best_index_ == b.best_index_ and a.best_params_ == b.best_params_


# -- the schedule -----------------------------------------------------------------------------
SCHEDULE_ATTRIBUTES = (
    "n_resources_",
    "n_candidates_",
    "n_iterations_",
    "n_required_iterations_",
    "n_possible_iterations_",
    "min_resources_",
    "max_resources_",
    "n_remaining_candidates_",
)


def _sklearn_schedule(**kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        search = HalvingRandomSearchCV(Free(), {"x": uniform(0, 1)}, cv=2, **kw)
        search.fit(X_SMALL, Y_SMALL)
    return {a: getattr(search, a) for a in SCHEDULE_ATTRIBUTES}


@pytest.mark.parametrize(
    "kw",
    [
        {},  # resource n_samples, min "smallest", n_candidates "exhaust"
        {"factor": 2, "min_resources": "exhaust", "n_candidates": 7},
        {"resource": "k", "max_resources": 40, "factor": 2.5, "n_candidates": 12},
        {"resource": "k", "max_resources": 30, "min_resources": 2},
        {"resource": "k", "max_resources": 9, "n_candidates": 30, "aggressive_elimination": True},
        {"resource": "k", "max_resources": 100, "min_resources": "exhaust", "n_candidates": 20},
    ],
    ids=["defaults", "exhaust", "float-factor", "min-2", "aggressive", "param-exhaust"],
)
def test_one_bracket_follows_sklearn_halving_schedule(kw):
    ours = HalvingBayesSearchCV(
        Free(), {"x": Real(0, 1)}, n_brackets=1, cv=2, random_state=0, optimizer_kwargs=FAST,
        **kw,
    ).fit(X_SMALL, Y_SMALL)
    assert {a: getattr(ours, a) for a in SCHEDULE_ATTRIBUTES} == _sklearn_schedule(**kw)
    assert ours.n_brackets_ == 1


@settings(max_examples=10)
@given(
    min_resources=st.integers(1, 12),
    ratio=st.integers(1, 40),
    factor=st.sampled_from([2, 3, 2.5, 4]),
    n_candidates=st.integers(1, 30),
    aggressive=st.booleans(),
)
def test_property_schedule_is_sklearn_schedule(
    min_resources, ratio, factor, n_candidates, aggressive
):
    max_resources = min_resources * ratio
    expected = _sklearn_schedule(
        resource="k", min_resources=min_resources, max_resources=max_resources,
        factor=factor, n_candidates=n_candidates, aggressive_elimination=aggressive,
    )
    s = halving_schedule(n_candidates, min_resources, max_resources, factor, aggressive)
    assert list(s.n_resources) == expected["n_resources_"]
    assert s.counts(0) == expected["n_candidates_"]
    assert s.n_required_iterations == expected["n_required_iterations_"]
    assert s.n_possible_iterations == expected["n_possible_iterations_"]


@given(
    min_resources=st.integers(1, 50),
    ratio=st.integers(1, 1000),
    factor=st.sampled_from([2, 3, 4, 1.5, 2.5]),
    n_candidates=st.integers(1, 500),
    aggressive=st.booleans(),
    bracket=st.integers(0, 20),
)
def test_property_schedule_of_every_bracket(
    min_resources, ratio, factor, n_candidates, aggressive, bracket
):
    max_resources = min_resources * ratio
    s = halving_schedule(n_candidates, min_resources, max_resources, factor, aggressive)
    resources = list(s.n_resources)
    assert resources == sorted(resources)
    assert all(isinstance(r, int) and min_resources <= r <= max_resources for r in resources)
    if not aggressive:
        assert s.n_iterations <= s.n_possible_iterations
        assert resources == [int(factor**i * min_resources) for i in range(s.n_iterations)]
    first = s.first_iteration(bracket)
    assert first == bracket % s.n_iterations
    counts = s.counts(bracket)
    assert len(counts) == s.n_iterations - first
    assert counts[0] == s.n_new(bracket) >= 1
    assert all(b == math.ceil(a / factor) for a, b in zip(counts, counts[1:]))
    assert s.n_new(0) == n_candidates
    # a bracket starting later starts with no more candidates
    assert s.n_new(bracket) <= n_candidates or first == 0


# -- candidates, cv_results_ and the best candidate -------------------------------------------
def _points(search):
    res = search.cv_results_
    return [(p["x"], p["c"]) for p in res["params"]]


@pytest.mark.parametrize("random_state", [0, 1])
def test_candidates_stay_in_the_space_and_never_repeat(random_state):
    search = _search(n_brackets=6, random_state=random_state).fit(X_SMALL, Y_SMALL)
    res = search.cv_results_
    points = _points(search)
    for p in res["params"]:
        assert set(p) == {"x", "c", "k"}
        assert type(p["x"]) is float and -1.0 <= p["x"] <= 1.0
        assert p["c"] in SPACE["c"].categories
    seen = list(zip(res["iter"], points))
    assert len(set(seen)) == len(seen)  # never twice at an iteration
    bracket_of = {}
    for b, p in zip(res["bracket"], points):
        assert bracket_of.setdefault(p, b) == b  # evaluated in one bracket only


def test_cv_results_rows_follow_the_brackets():
    search = _search(n_brackets=4).fit(X_SMALL, Y_SMALL)
    res = search.cv_results_
    n = len(res["params"])
    for key in ("iter", "n_resources", "bracket", "mean_test_score"):
        assert res[key].shape == (n,)
    assert search.n_resources_ == [1, 3, 9]
    assert list(res["n_resources"]) == [search.n_resources_[i] for i in res["iter"]]
    assert [p["k"] for p in res["params"]] == list(res["n_resources"])
    # brackets 0..2 start at iterations 0..2, bracket 3 at 0 again (a second round)
    counts = {b: [int(np.sum((res["bracket"] == b) & (res["iter"] == i))) for i in range(3)]
              for b in range(4)}
    assert counts == {0: [9, 3, 1], 1: [0, 5, 2], 2: [0, 0, 3], 3: [9, 3, 1]}
    assert search.n_candidates_ == [18, 11, 7] == list(np.bincount(res["iter"]))
    assert search.n_brackets_ == 4
    assert search.n_remaining_candidates_ == 1 + 1 + 1 + 1
    # each iteration keeps the best third of the one before
    points, scores = _points(search), res["mean_test_score"]
    for b in range(4):
        for i in range(2):
            rows = np.flatnonzero((res["bracket"] == b) & (res["iter"] == i))
            if len(rows) == 0:
                continue
            best = rows[np.argsort(-scores[rows], kind="stable")][: math.ceil(len(rows) / 3)]
            nxt = np.flatnonzero((res["bracket"] == b) & (res["iter"] == i + 1))
            assert {points[j] for j in nxt} == {points[j] for j in best}


def test_best_candidate_is_chosen_at_the_last_iteration_and_refit_at_full_resource():
    # k = 7 scores best: the first iteration (k = 7) beats the last (k = 21)
    search = _search(min_resources=7, max_resources=23, n_candidates=6).fit(X_SMALL, Y_SMALL)
    res = search.cv_results_
    assert search.n_resources_ == [7, 21]
    last = np.flatnonzero(res["iter"] == 1)
    assert np.nanmax(res["mean_test_score"]) > np.nanmax(res["mean_test_score"][last])
    assert search.best_index_ in last
    assert search.best_score_ == np.nanmax(res["mean_test_score"][last])
    assert res["params"][search.best_index_]["k"] == 21
    # refit at max_resources_, which best_params_ holds
    assert search.best_params_ == {**res["params"][search.best_index_], "k": 23}
    assert search.best_estimator_.k == 23


class Counting(Quadratic):
    """Records the number of samples of every fit (n_jobs=1: the fits run here)."""

    sizes: list = []

    def fit(self, X, y):
        Counting.sizes.append(len(X))
        return super().fit(X, y)


def test_n_samples_resource_subsamples_the_folds_and_refits_on_all_data():
    Counting.sizes = []
    search = HalvingBayesSearchCV(
        Counting(), SPACE, min_resources=12, cv=KFold(2), random_state=0, optimizer_kwargs=FAST,
    ).fit(X_SMALL, Y_SMALL)
    assert search.n_resources_ == [12, 36]
    res = search.cv_results_
    # each fold's 30 training samples, subsampled to the iteration's share
    expected = [int(r / 60 * 30) for r in res["n_resources"] for _ in range(2)]
    assert Counting.sizes[:-1] == expected
    assert Counting.sizes[-1] == 60  # the refit
    assert "k" not in search.best_params_


class Fingerprinting(Free):
    """Records a fingerprint of the training samples of every fit."""

    seen: list = []

    def fit(self, X, y):
        Fingerprinting.seen.append((len(X), round(float(np.sum(X)), 6)))
        return super().fit(X, y)


def test_n_samples_subsamples_are_sklearns_for_the_same_random_state():
    kw = dict(min_resources=12, cv=KFold(2), random_state=3, refit=False)
    Fingerprinting.seen = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        HalvingRandomSearchCV(Fingerprinting(), {"x": uniform(0, 1)}, **kw).fit(X_SMALL, Y_SMALL)
    theirs, Fingerprinting.seen = Fingerprinting.seen, []
    HalvingBayesSearchCV(Fingerprinting(), {"x": Real(0, 1)}, n_brackets=1, **kw).fit(
        X_SMALL, Y_SMALL
    )
    assert len(set(theirs)) == 4  # two folds, two iterations
    assert Fingerprinting.seen == theirs


# -- failures ----------------------------------------------------------------------------------
@pytest.mark.filterwarnings("ignore:One or more of the test scores are non-finite")
def test_failed_fits_score_error_score_are_learned_and_not_promoted():
    search = _search(
        Quadratic(fail_above=0.5), search_spaces={"x": Real(0.0, 1.0)}, n_points=1, n_brackets=3
    )
    with pytest.warns(FitFailedWarning, match="fits failed out of a total of") as caught:
        search.fit(X_SMALL, Y_SMALL)
    assert sum(issubclass(w.category, FitFailedWarning) for w in caught) == 1
    res = search.cv_results_
    x = np.array([p["x"] for p in res["params"]])
    failed = np.isnan(res["mean_test_score"])
    assert failed.any() and np.array_equal(failed, x > 0.5)
    # a failed candidate goes on only when too few candidates scored
    for b in range(3):
        for i in range(2):
            rows = (res["bracket"] == b) & (res["iter"] == i)
            nxt = (res["bracket"] == b) & (res["iter"] == i + 1)
            if rows.any() and np.sum(rows & ~failed) >= np.sum(nxt):
                assert not (nxt & failed).any()
    assert search.best_params_["x"] <= 0.5


def test_error_score_raise_raises():
    search = _search(Quadratic(fail_above=0.5), search_spaces={"x": Real(0.6, 1.0)},
                     error_score="raise")
    with pytest.raises(ValueError, match="deliberate failure"):
        search.fit(X_SMALL, Y_SMALL)


# -- the model -------------------------------------------------------------------------------
@pytest.mark.parametrize("random_state", [0, 2])
def test_a_model_of_the_first_bracket_proposes_better_candidates(random_state):
    # Bracket 1 asks a model of bracket 0's nine random evaluations at k=1.
    search = _search(n_brackets=2, random_state=random_state).fit(X_SMALL, Y_SMALL)
    res = search.cv_results_

    def value(p):  # the toy's score without the resource's part
        return -((p["x"] - 0.3) ** 2) + BONUS[p["c"]]

    def new(bracket):
        first = bracket % 3
        return [value(p) for b, i, p in zip(res["bracket"], res["iter"], res["params"])
                if (b, i) == (bracket, first)]

    assert len(new(0)) == 9 and len(new(1)) == 5
    assert np.mean(new(1)) > np.mean(new(0)) + 0.3


def test_results_are_the_same_whatever_n_points_and_n_jobs():
    whole = _search(n_brackets=3).fit(X_SMALL, Y_SMALL)
    _assert_same(_search(n_brackets=3, n_points=2).fit(X_SMALL, Y_SMALL), whole)
    _assert_same(_search(n_brackets=3, n_points=4, n_jobs=2).fit(X_SMALL, Y_SMALL), whole)


# -- callbacks, timeout, verbose -------------------------------------------------------------
class _StopAfter:
    def __init__(self, n, how="return True"):
        self.n, self.how, self.calls = n, how, 0

    def __call__(self, result):
        self.calls += 1
        if self.calls < self.n:
            return False
        if self.how == "raise":
            raise KeyboardInterrupt("stopped by the test")
        return True


def test_callbacks_see_the_largest_resource_so_far_and_can_stop():
    seen = []

    def record(result):
        seen.append((result["n_resources"], len(result.x_iters), result.fun))

    stopper = _StopAfter(4)
    search = _search(n_points=3).fit(X_SMALL, Y_SMALL, callback=[record, stopper])
    assert [s[0] for s in seen] == [1, 1, 1, 3]
    assert [s[1] for s in seen] == [3, 6, 9, 3]
    assert seen[-1][2] == -search.best_score_
    assert len(search.cv_results_["params"]) == 12


def test_timeout_overruns_by_at_most_one_batch_as_deadline_stopper(monkeypatch, capsys):
    # As BayesSearchCV's timeout: the search stops when the time left is shorter
    # than the last batch took. Each reading of the fake clock advances 1 s: the
    # start, then three per batch (its start, its end, the elapsed time after it),
    # so each batch takes 1 s and 3 s have passed after the first, 6 s after the second.
    monkeypatch.setattr(halving_module, "time", FakeClock(step=1.0))
    seen = []

    def record(result):
        seen.append((result["elapsed_time"], result["batch_times"][-1]))

    search = _search(n_points=2, timeout=5.5, verbose=1).fit(X_SMALL, Y_SMALL, callback=record)
    assert len(search.cv_results_["params"]) == 2 * 2
    assert seen == [(3.0, 1.0), (6.0, 1.0)]
    assert "timeout=5.5s: stopping after 4 evaluations (6s)" in capsys.readouterr().out
    # the very stop DeadlineStopper makes
    monkeypatch.setattr(halving_module, "time", FakeClock(step=1.0))
    same = _search(n_points=2).fit(X_SMALL, Y_SMALL, callback=DeadlineStopper(5.5))
    assert same.cv_results_["params"] == search.cv_results_["params"]


def test_sklearn_callbacks_see_a_search_task_and_one_task_per_batch():
    pytest.importorskip("sklearn.callback")
    events = []

    class Recorder:
        def setup(self, estimator, context):
            pass

        def teardown(self, estimator, context):
            pass

        def on_fit_task_begin(self, estimator, context, **kwargs):
            events.append(("begin", context.task_name))

        def on_fit_task_end(self, estimator, context, **kwargs):
            events.append(("end", context.task_name))

    search = _search(Quadratic(fail_above=0.5), n_points=4).set_callbacks(Recorder())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        search.fit(X_SMALL, Y_SMALL)
    n_batches = sum(math.ceil(n / 4) for n in (9, 3, 1, 5, 2, 3))
    assert events.count(("begin", "search")) == events.count(("end", "search")) == 1
    assert events.count(("begin", "batch")) == events.count(("end", "batch")) == n_batches


def test_verbose_prints_the_schedule_and_each_batch(capsys):
    _search(n_brackets=2, verbose=1).fit(X_SMALL, Y_SMALL)
    out = capsys.readouterr().out
    assert "n_resources_=[1, 3, 9]" in out
    assert "bracket 1: 5 new candidates (model)" in out
    assert "best score at k=9" in out


def test_verbose_2_prints_each_candidate_instead_of_each_batch(capsys):
    search = _search(n_brackets=1, verbose=2).fit(X_SMALL, Y_SMALL)
    lines = [ln for ln in capsys.readouterr().out.splitlines() if " -> score " in ln]
    res = search.cv_results_
    assert len(lines) == len(res["params"]) == 9 + 3 + 1
    assert lines[0].startswith("[HalvingBayesSearchCV] 1: bracket 0, iteration 0 (k=1), c=")
    assert lines[-1].startswith("[HalvingBayesSearchCV] 13: bracket 0, iteration 2 (k=9), c=")
    scores = [ln.split(" -> score ")[1].split(" ")[0] for ln in lines]
    assert scores == [f"{s:.6g}" for s in res["mean_test_score"]]
    assert lines[-1].endswith(f"(best at k=9: {search.best_score_:.6g})")


def test_two_number_list_warns_at_the_users_fit():
    space = {"x": Real(-1.0, 1.0), "c": [0.1, 0.9]}
    with pytest.warns(UserWarning, match="A list of two numbers is two choices") as record:
        _search(search_spaces=space, n_brackets=1).fit(X_SMALL, Y_SMALL)
    ours = [w for w in record if "A list of two numbers" in str(w.message)]
    assert len(ours) == 1 and ours[0].filename == __file__
    assert "search_spaces['c'] = [0.1, 0.9]" in str(ours[0].message)


# -- checkpoints -------------------------------------------------------------------------------
@pytest.mark.parametrize("how", ["return True", "raise"])
def test_resume_after_any_batch_equals_the_uninterrupted_run(tmp_path, how):
    whole = _search(n_points=2).fit(X_SMALL, Y_SMALL)
    n_batches = len(whole.cv_results_["params"]) // 2 + 3
    for stop_after in range(1, n_batches, 2):
        path = tmp_path / f"c{stop_after}.json"
        first = _search(n_points=2)
        callbacks = [CheckpointSaver(path), _StopAfter(stop_after, how)]
        if how == "raise":
            with pytest.raises(KeyboardInterrupt):
                first.fit(X_SMALL, Y_SMALL, callback=callbacks)
        else:
            first.fit(X_SMALL, Y_SMALL, callback=callbacks)
        resumed = _search(n_points=3).fit(
            X_SMALL, Y_SMALL, callback=CheckpointSaver(path), resume_from=path
        )
        _assert_same(resumed, whole)


def test_resuming_a_finished_search_gives_the_same_results(tmp_path):
    path = tmp_path / "c.json"
    whole = _search().fit(X_SMALL, Y_SMALL, callback=CheckpointSaver(path))
    _assert_same(_search().fit(X_SMALL, Y_SMALL, resume_from=path), whole)
    more = _search(n_brackets=4).fit(X_SMALL, Y_SMALL, resume_from=path)
    assert more.n_brackets_ == 4 and more.cv_results_["params"][:23] == whole.cv_results_["params"]


def test_checkpoints_of_other_searches_and_minimize_functions_are_refused(tmp_path):
    halving, bayes, minimize = tmp_path / "h.json", tmp_path / "b.json", tmp_path / "m.json"
    _search(n_brackets=1).fit(X_SMALL, Y_SMALL, callback=CheckpointSaver(halving))
    BayesSearchCV(Quadratic(), SPACE, n_iter=3, cv=2, random_state=0).fit(
        X_SMALL, Y_SMALL, callback=CheckpointSaver(bayes)
    )
    dims = [Real(-1.0, 1.0)]
    dummy_minimize(lambda p: p[0] ** 2, dims, n_calls=2, callback=CheckpointSaver(minimize))
    with pytest.raises(
        ValueError, match="checkpoint of HalvingBayesSearchCV; it cannot resume BayesSearchCV"
    ):
        BayesSearchCV(Quadratic(), SPACE, n_iter=3, cv=2).fit(
            X_SMALL, Y_SMALL, resume_from=halving
        )
    with pytest.raises(
        ValueError, match="checkpoint of HalvingBayesSearchCV; it cannot resume a minimize"
    ):
        dummy_minimize(lambda p: p[0] ** 2, dims, n_calls=2, resume_from=halving)
    for other, who in [(bayes, "BayesSearchCV"), (minimize, "a minimize function")]:
        with pytest.raises(
            ValueError, match=f"checkpoint of {who}.*; it cannot resume HalvingBayesSearchCV"
        ):
            _search(n_brackets=1).fit(X_SMALL, Y_SMALL, resume_from=other)


@pytest.mark.parametrize(
    "change, named",
    [
        ({"factor": 2}, r"differ in factor \(checkpoint: 3; now: 2\)"),
        ({"max_resources": 10}, r"differ in max_resources_ \(checkpoint: 9; now: 10\)"),
        ({"optimizer_kwargs": {"n_initial_points": 2}}, "optimizer_kwargs"),
        ({"cv": 3}, "cross-validation splits"),
        ({"search_spaces": {"x": Real(-1.0, 2.0), "c": SPACE["c"]}}, "another search space"),
        ({"n_brackets": 1}, "more than n_brackets=1 allows"),
    ],
)
def test_a_checkpoint_refuses_another_search(tmp_path, change, named):
    path = tmp_path / "c.json"
    _search(n_brackets=2).fit(X_SMALL, Y_SMALL, callback=CheckpointSaver(path))
    with pytest.raises(ValueError, match=named):
        _search(**{"n_brackets": 2, **change}).fit(X_SMALL, Y_SMALL, resume_from=path)


def test_n_random_starts_is_read_as_n_initial_points_and_warned_about_once():
    with pytest.warns(DeprecationWarning, match="n_random_starts is deprecated") as record:
        old = _search(n_brackets=2, optimizer_kwargs={**FAST, "n_random_starts": 2})
        old.fit(X_SMALL, Y_SMALL)
    assert sum("n_random_starts" in str(w.message) for w in record) == 1
    new = _search(n_brackets=2, optimizer_kwargs={**FAST, "n_initial_points": 2})
    _assert_same(old, new.fit(X_SMALL, Y_SMALL))


# -- settings that cannot be searched ----------------------------------------------------------
@pytest.mark.parametrize(
    "kw, match",
    [
        ({"resource": "depth"}, "neither 'n_samples' nor a parameter of Quadratic"),
        ({"search_spaces": {"k": Real(0, 1)}}, "also in search_spaces"),
        ({"max_resources": "auto"}, "max_resources='auto' is the number of samples"),
        ({"min_resources": "exhaust", "n_candidates": "exhaust"}, "cannot both be 'exhaust'"),
        ({"cv": KFold(2, shuffle=True)}, "gives other splits on every call"),
        ({"min_resources": 10, "max_resources": 5}, "min_resources_=10 is greater"),
        ({"search_spaces": {}}, "empty dict"),
        ({"optimizer_kwargs": {"random_state": 1}}, "unknown keys"),
    ],
)
def test_settings_that_cannot_be_searched_are_refused_before_any_fit(kw, match):
    with pytest.raises(ValueError, match=match):
        _search(Quadratic(fail_above=-2.0), error_score="raise", **kw).fit(X_SMALL, Y_SMALL)


def test_a_generator_cv_is_refused():
    splits = KFold(2).split(X_SMALL)
    with pytest.raises(ValueError, match="is an iterator"):
        _search(cv=(s for s in splits)).fit(X_SMALL, Y_SMALL)


def test_a_finite_space_smaller_than_the_first_bracket_is_searched_whole():
    space = {"x": Categorical([0.0, 0.25, 0.5]), "c": Categorical(["a", "b"])}
    with pytest.warns(UserWarning) as caught:
        search = _search(search_spaces=space).fit(X_SMALL, Y_SMALL)
    messages = [str(w.message) for w in caught]
    assert len(messages) == 2
    assert messages[0].startswith("search_spaces has only 6 points, fewer than the 9 candidates")
    assert messages[1].startswith("search_spaces has no candidate left that was not evaluated")
    assert search.n_candidates_[0] == 6 and search.n_brackets_ == 1


# -- plots ------------------------------------------------------------------------------------
def test_plot_convergence_draws_compute_on_the_x_axis():
    pytest.importorskip("matplotlib")
    from skopt_lite.plots import plot_convergence

    search = _search(n_brackets=2).fit(X_SMALL, Y_SMALL)
    ax = plot_convergence(search, x="compute")
    xs = ax.lines[0].get_xdata()
    res = search.cv_results_
    np.testing.assert_array_equal(xs, np.cumsum(res["n_resources"]) * search.n_splits_)
    assert ax.get_xlabel() == "compute (resource x fits)"
    ax.figure.clf()
    # a group of runs: each at its own compute, the mean at their mean compute
    other = _search(n_brackets=1, random_state=1).fit(X_SMALL, Y_SMALL)
    ax = plot_convergence([search, other], x="compute")
    spent = [np.cumsum(s.cv_results_["n_resources"]) * s.n_splits_ for s in (search, other)]
    for line, xs in zip(ax.lines, spent):
        np.testing.assert_array_equal(line.get_xdata(), xs)
    n = len(spent[1])
    np.testing.assert_array_equal(ax.lines[2].get_xdata()[:n], (spent[0][:n] + spent[1]) / 2)
    np.testing.assert_array_equal(ax.lines[2].get_xdata()[n:], spent[0][n:])
    ax.figure.clf()
    with pytest.raises(ValueError, match="n_resources"):
        plot_convergence(BayesSearchCV(Quadratic(), SPACE, n_iter=2, cv=2).fit(
            X_SMALL, Y_SMALL), x="compute")


def test_plot_evaluations_draws_every_row_with_the_resource_as_a_parameter():
    pytest.importorskip("matplotlib")
    from skopt_lite.plots import plot_evaluations

    search = _search(n_brackets=2).fit(X_SMALL, Y_SMALL)
    axes = plot_evaluations(search)
    labels = [axes[-1, i].get_xlabel() for i in range(3)]
    assert labels == ["c", "k", "x"]
    n = len(search.cv_results_["params"])
    assert len(axes[2, 1].collections[0].get_offsets()) == n
    axes[0, 0].figure.clf()
