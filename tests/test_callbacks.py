"""The stopping rules of skopt_lite.callbacks, on results and inside BayesSearchCV."""

import os
import re

import numpy as np
import pytest
from sklearn.base import BaseEstimator
from sklearn.datasets import make_classification

from skopt_lite import BayesSearchCV, Real, Space
from skopt_lite._validation import InvalidParameterError
from skopt_lite.callbacks import (
    CheckpointSaver,
    DeadlineStopper,
    DeltaXStopper,
    DeltaYStopper,
    HollowIterationsStopper,
    ThresholdStopper,
    TimerCallback,
    VerboseCallback,
    check_callback,
)
from skopt_lite.optimizer import OptimizeResult

X, Y = make_classification(n_samples=30, n_features=4, random_state=0)
SPACE = Space([Real(0, 10, name="x")])


def _result(func_vals, xs=None, **extra):
    xs = xs if xs is not None else [[float(i)] for i in range(len(func_vals))]
    return OptimizeResult(
        func_vals=np.asarray(func_vals, dtype=float), x_iters=xs, space=SPACE, **extra
    )


def test_delta_y_stops_when_the_best_values_agree():
    stopper = DeltaYStopper(0.1, n_best=3)
    assert not stopper(_result([5, 1, 1.05]))  # three values, spread 4
    assert not stopper(_result([1, 1.05]))  # fewer than n_best
    assert stopper(_result([5, 1, 1.05, 1.08]))  # best three within 0.08
    assert not stopper(_result([1, 1.05, np.nan, 3]))  # nan is not a value


def test_delta_x_stops_when_the_last_two_points_are_close():
    stopper = DeltaXStopper(0.01)  # 1% of the range: 0.1 in x
    assert not stopper(_result([1, 2], xs=[[1.0], [5.0]]))
    assert stopper(_result([1, 2], xs=[[5.0], [5.05]]))
    assert not stopper(_result([1], xs=[[5.0]]))


def test_threshold_stops_at_or_below_the_threshold():
    stopper = ThresholdStopper(-0.9)
    assert not stopper(_result([-0.5, -0.8]))
    assert stopper(_result([-0.5, -0.95]))
    assert not stopper(_result([np.nan]))


def test_hollow_iterations_stops_after_n_without_improvement():
    stopper = HollowIterationsStopper(3, threshold=0.01)
    assert not stopper(_result([3, 2, 1, 0.5]))  # still improving
    assert stopper(_result([3, 1, 1.2, 1.0, 0.995]))  # three evaluations, gain 0.005
    assert not stopper(_result([3, 1, 1.2, 1.0, 0.9]))


def test_deadline_leaves_time_for_no_more_than_one_batch():
    stopper = DeadlineStopper(10.0)
    assert not stopper(_result([1], elapsed_time=5.0, batch_times=[2.0]))
    assert stopper(_result([1], elapsed_time=8.5, batch_times=[2.0]))  # next would overrun
    assert stopper(_result([1], elapsed_time=10.5, batch_times=[0.1]))


@pytest.mark.parametrize(
    "make, match",
    [
        (lambda: DeltaYStopper(-1), "delta"),
        (lambda: DeltaYStopper(0.1, n_best=0), "n_best"),
        (lambda: DeltaXStopper(float("nan")), "delta"),
        (lambda: DeadlineStopper(0), "total_time"),
        (lambda: ThresholdStopper("high"), "threshold"),
        (lambda: HollowIterationsStopper(2.5), "n_iterations"),
        (lambda: HollowIterationsStopper(3, threshold=True), "threshold=True"),
        (lambda: ThresholdStopper(float("nan")), "threshold=nan"),
        (lambda: DeltaYStopper(True), "delta=True"),
        (lambda: DeadlineStopper(float("inf")), "total_time=inf"),
    ],
)
def test_bad_stopper_arguments_name_the_argument(make, match):
    with pytest.raises(ValueError, match=match) as excinfo:
        make()
    assert isinstance(excinfo.value, TypeError)  # InvalidParameterError is both


def test_check_callback_accepts_callables_and_lists_only():
    f = lambda result: False  # noqa: E731
    assert check_callback(None) == []
    assert check_callback(f) == [f]
    assert check_callback([f, f]) == [f, f]
    with pytest.raises(TypeError, match="callback"):
        check_callback([f, 3])


def test_threshold_stopper_inside_a_search_stops_once_reached():
    search = BayesSearchCV(
        _CountingFits(), {"x": Real(0, 10)}, n_iter=40, cv=2, random_state=0,
        optimizer_kwargs={"n_initial_points": 3},
    )
    search.fit(X, Y, callback=ThresholdStopper(0.5))  # -score <= 0.5: |x - 3| <= 0.7
    scores = search.cv_results_["mean_test_score"]
    assert scores[-1] >= -0.5 and np.all(scores[:-1] < -0.5)


# -- CheckpointSaver: an unwritable path is refused before the search fits anything ----------
class _CountingFits(BaseEstimator):
    """Scores ``-(x - 3)**2``; every fit is recorded in the class attribute ``fits``."""

    fits: list = []

    def __init__(self, x=0.0):
        self.x = x

    def fit(self, X, y):
        _CountingFits.fits.append(self.x)
        return self

    def score(self, X, y):
        return -((self.x - 3) ** 2)


def _search():
    return BayesSearchCV(
        _CountingFits(), {"x": Real(0, 10)}, n_iter=4, n_points=2, cv=2, random_state=0,
        optimizer_kwargs={"n_initial_points": 2},
    )


def test_checkpoint_to_a_missing_folder_fails_before_any_fit(tmp_path, monkeypatch):
    monkeypatch.setattr(_CountingFits, "fits", [])
    path = tmp_path / "missing" / "x.json"
    search = _search()
    with pytest.raises(FileNotFoundError) as excinfo:
        search.fit(X, Y, callback=CheckpointSaver(path))
    message = str(excinfo.value)
    assert str(path) in message and repr(str(tmp_path / "missing")) in message
    assert "Create the folder first" in message
    assert ".tmp" not in message
    assert _CountingFits.fits == []  # no candidate was evaluated
    assert list(tmp_path.iterdir()) == []  # no checkpoint, no temporary file
    assert not hasattr(search, "cv_results_")


def test_checkpoint_with_the_folder_created_first_works(tmp_path, monkeypatch):
    monkeypatch.setattr(_CountingFits, "fits", [])
    path = tmp_path / "missing" / "x.json"
    os.makedirs(path.parent)
    _search().fit(X, Y, callback=CheckpointSaver(path))
    assert path.is_file() and len(_CountingFits.fits) > 0
    assert os.listdir(path.parent) == ["x.json"]  # no temporary file left


def test_checkpoint_in_a_relative_missing_folder_names_the_path_as_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileNotFoundError, match=re.escape("checkpoint_path='a/b/x.json'")):
        check_callback(CheckpointSaver(os.path.join("a", "b", "x.json")))


def test_checkpoint_under_a_file_or_at_a_folder_is_refused(tmp_path):
    (tmp_path / "file").write_text("")
    with pytest.raises(NotADirectoryError) as excinfo:
        check_callback([CheckpointSaver(tmp_path / "file" / "sub" / "x.json")])
    message = str(excinfo.value)
    assert str(tmp_path / "file" / "sub" / "x.json") in message
    assert f"{str(tmp_path / 'file')!r} is a file" in message
    with pytest.raises(IsADirectoryError, match="is a folder"):
        check_callback(CheckpointSaver(tmp_path))


@pytest.mark.parametrize("path", [None, b"x.json", 3])
def test_checkpoint_path_must_be_a_path(path):
    with pytest.raises(InvalidParameterError, match=re.escape(f"checkpoint_path={path!r}")):
        CheckpointSaver(path)


def test_check_callback_runs_each_check_before_search():
    checked = []

    class Picky:
        def __init__(self, ok):
            self.ok = ok

        def _check_before_search(self):
            checked.append(self.ok)
            if not self.ok:
                raise RuntimeError("not ready")

        def __call__(self, result):
            return False

    ready = Picky(True)
    assert check_callback([ready, lambda r: False])[0] is ready
    assert checked == [True]
    with pytest.raises(RuntimeError, match="not ready"):
        check_callback([ready, Picky(False)])
    assert checked == [True, True, False]


def test_timer_and_verbose_callbacks_of_scikit_optimize(capsys):
    from skopt_lite import dummy_minimize

    timer = TimerCallback()
    verbose = VerboseCallback(4, n_init=1, n_random=2)
    dummy_minimize(lambda p: (p[0] - 3) ** 2, [(0.0, 10.0)], x0=[[5.0]], n_calls=4,
                   random_state=0, callback=[timer, verbose])
    assert len(timer.iter_time) == 4 and all(t >= 0 for t in timer.iter_time)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("Iteration 1/4 (given point):") and "value 4," in lines[0]
    assert lines[1].startswith("Iteration 2/4 (initial point)")
    assert lines[3].startswith("Iteration 4/4 (model point)")
    assert lines[0].endswith("best so far 4")
    with pytest.raises(InvalidParameterError, match="n_total"):
        VerboseCallback(0)(_result([1.0]))
