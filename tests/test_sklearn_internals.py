"""One test per assumption ``skopt_lite/_sklearn.py`` makes about scikit-learn's internals.

A scikit-learn release that changes one of them fails here first.
"""

import inspect
import numbers
import re
import warnings
from collections import Counter

import numpy as np
import pytest
from conftest import X_SMALL as X
from conftest import Y_SMALL as Y
from conftest import Quadratic
from sklearn.exceptions import FitFailedWarning
from sklearn.model_selection import ParameterGrid

from skopt_lite import BayesSearchCV, Real, _sklearn


class Recording(_sklearn.SearchCV):
    """Evaluates two batches and records what scikit-learn hands to its hooks."""

    def __init__(self, estimator, batches, error_score=np.nan):
        super().__init__(estimator=estimator, cv=2, error_score=error_score)
        self.batches = batches

    def _run_search(self, evaluate_candidates):
        self.returned_ = [evaluate_candidates(batch) for batch in self.batches]

    def _format_results(self, candidate_params, n_splits, out, more_results=None):
        self.formatted_ = getattr(self, "formatted_", [])
        results = super()._format_results(candidate_params, n_splits, out, more_results)
        self.formatted_.append((list(candidate_params), n_splits, list(out), results))
        return results


BATCHES = [list(ParameterGrid({"x": [0.1, 0.4]})), list(ParameterGrid({"x": [0.9]}))]


def test_base_search_cv_calls_run_search_with_evaluate_candidates():
    search = Recording(Quadratic(), BATCHES).fit(X, Y)
    assert len(search.returned_) == 2


def test_run_search_gets_callback_ctx_when_its_signature_accepts_it():
    pytest.importorskip("sklearn.callback")
    seen = {}

    class WithContext(Recording):
        def _run_search(self, evaluate_candidates, callback_ctx=None):
            seen["ctx"] = callback_ctx
            evaluate_candidates(self.batches[0])

    WithContext(Quadratic(), BATCHES).fit(X, Y)
    ctx = seen["ctx"]
    assert ctx is not None
    for name in ("subcontext", "call_on_fit_task_begin", "call_on_fit_task_end"):
        assert callable(getattr(ctx, name))
    params = inspect.signature(ctx.subcontext).parameters
    assert {"task_name", "max_subtasks", "sequential_subtasks"} <= set(params)


def test_format_results_sees_every_candidate_so_far_and_its_last_dict_is_cv_results():
    search = Recording(Quadratic(), BATCHES).fit(X, Y)
    (params1, n1, out1, res1), (params2, n2, out2, res2) = search.formatted_
    assert params1 == BATCHES[0] and params2 == BATCHES[0] + BATCHES[1]
    assert n1 == n2 == 2
    assert len(out2) == 3 * 2
    assert {"test_scores", "fit_error", "n_test_samples", "fit_time"} <= set(out2[0])
    # evaluate_candidates returns the formatted dict of all candidates so far ...
    assert search.returned_[0] is res1 and search.returned_[1] is res2
    # ... and the dict formatted last is, as an object, the search's cv_results_.
    assert search.cv_results_ is res2
    assert search.best_params_ == {"x": 0.4}


def test_all_fits_failing_raises_a_value_error_whose_text_names_count_and_errors():
    search = Recording(Quadratic(fail_above=0.5), BATCHES)
    with pytest.raises(ValueError) as info:
        search.fit(X, Y)
    assert _sklearn.all_fits_failed(info.value) == 2
    errors = _sklearn.failed_fit_errors(info.value)
    assert list(errors.values()) == [2]
    (error,) = errors
    assert error.startswith("Traceback") and error.endswith("ValueError: deliberate failure")
    assert _sklearn.all_fits_failed(ValueError("something else")) is None
    assert _sklearn.all_fits_failed(TypeError("All the 2 fits failed")) is None


def test_some_fits_failing_warns_and_keeps_each_error_in_the_fold_results():
    grid = list(ParameterGrid({"x": [0.1, 0.9]}))
    with pytest.warns(FitFailedWarning, match="2 fits failed out of a total of 4"):
        search = Recording(Quadratic(fail_above=0.5), [grid]).fit(X, Y)
    out = search.formatted_[-1][2]
    errors = [fold["fit_error"] for fold in out]
    assert errors[:2] == [None, None]
    assert all("deliberate failure" in e for e in errors[2:])


def test_non_finite_scores_warn_with_the_text_the_searches_hold_back():
    grid = list(ParameterGrid({"x": [0.1, 0.9]}))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        Recording(Quadratic(fail_above=0.5), [grid]).fit(X, Y)
    texts = [str(w.message) for w in caught if w.category is UserWarning]
    assert any(re.match(_sklearn.NON_FINITE_SCORES, t) for t in texts)


def test_parameter_constraints_validate_in_fit_with_invalid_parameter_error():
    assert issubclass(_sklearn.InvalidParameterError, ValueError)
    assert issubclass(_sklearn.InvalidParameterError, TypeError)
    search = BayesSearchCV(Quadratic(), {"x": Real(0, 1)}, n_iter=0)  # stored as given
    assert set(search._parameter_constraints) == set(search.get_params(deep=False))
    with pytest.raises(_sklearn.InvalidParameterError, match="n_iter"):
        search.fit(X, Y)
    interval = _sklearn.Interval(numbers.Integral, 1, None, closed="left")
    assert interval.is_satisfied_by(1) and not interval.is_satisfied_by(0)
    assert _sklearn.StrOptions({"a"}).is_satisfied_by("a")


def test_a_batch_whose_fits_all_fail_ends_its_callback_task():
    pytest.importorskip("sklearn.callback")

    class Recorder:
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

    recorder = Recorder()
    search = BayesSearchCV(
        Quadratic(fail_above=0.5),
        {"x": Real(0, 1)},
        n_iter=6,
        cv=2,
        random_state=0,
        optimizer_kwargs={"n_initial_points": 3},
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        search.set_callbacks(recorder).fit(X, Y)
    assert np.isnan(search.cv_results_["mean_test_score"]).any()  # some batches all failed
    counts = Counter(recorder.events)
    assert counts[("begin", "batch")] == counts[("end", "batch")] == 6


# -- what the successive-halving search adds ------------------------------------------------
class _RecordingSplitter:
    """Two splits of the data, recording each call of ``split``."""

    def __init__(self):
        self.calls = 0

    def split(self, X, y=None, groups=None):
        self.calls += 1
        n = len(X)
        yield np.arange(n // 2, n), np.arange(n // 2)
        yield np.arange(n // 2), np.arange(n // 2, n)

    def get_n_splits(self, X=None, y=None, groups=None):
        return 2


def test_evaluate_candidates_evaluates_on_the_splits_of_another_splitter():
    splitter = _RecordingSplitter()

    class OtherSplits(Recording):
        def _run_search(self, evaluate_candidates):
            evaluate_candidates(self.batches[0], cv=splitter)

    search = OtherSplits(Quadratic(), BATCHES).fit(X, Y)
    assert splitter.calls == 1
    out = search.formatted_[-1][2]
    assert [fold["n_test_samples"] for fold in out] == [30, 30] * 2


def test_subsample_splitter_draws_the_same_share_of_each_part_on_every_call():
    from sklearn.model_selection import KFold

    base = KFold(2)
    splitter = _sklearn.subsample_splitter(base, 0.5, random_state=0)
    first = list(splitter.split(X, Y))
    again = list(splitter.split(X, Y))
    assert len(first) == 2
    for (train, test), (base_train, base_test), (train2, test2) in zip(
        first, base.split(X, Y), again
    ):
        assert len(train) == int(0.5 * len(base_train)) and len(set(train)) == len(train)
        assert len(test) == int(0.5 * len(base_test)) and len(set(test)) == len(test)
        assert set(train) <= set(base_train) and set(test) <= set(base_test)
        np.testing.assert_array_equal(train, train2)
        np.testing.assert_array_equal(test, test2)


def test_yields_constant_splits_is_false_only_for_unseeded_shuffling():
    from sklearn.model_selection import KFold, ShuffleSplit

    assert _sklearn.yields_constant_splits(KFold(3))
    assert _sklearn.yields_constant_splits(KFold(3, shuffle=True, random_state=0))
    assert not _sklearn.yields_constant_splits(KFold(3, shuffle=True))
    assert not _sklearn.yields_constant_splits(ShuffleSplit())


def test_fit_picks_with_select_best_index_and_refits_with_best_params_read_back():
    class PickFirst(Recording):
        @staticmethod
        def _select_best_index(refit, refit_metric, results):
            return 0  # not the best score

        @property
        def best_params_(self):
            return self._best

        @best_params_.setter
        def best_params_(self, params):
            self._best = {**params, "k": 3}

    search = PickFirst(Quadratic(), BATCHES).fit(X, Y)
    assert search.best_index_ == 0
    assert search.best_params_ == {"x": 0.1, "k": 3}
    assert (search.best_estimator_.x, search.best_estimator_.k) == (0.1, 3)
