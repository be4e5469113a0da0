"""gp_minimize, forest_minimize, gbrt_minimize, dummy_minimize: scikit-optimize's API."""

import inspect
import json
import math
import warnings

import numpy as np
import pytest
from conftest import Quadratic, same_seed_result

from skopt_lite import (
    BayesSearchCV,
    Categorical,
    Integer,
    OptimizeResult,
    Real,
    dummy_minimize,
    forest_minimize,
    gbrt_minimize,
    gp_minimize,
    load,
)
from skopt_lite._validation import InvalidParameterError
from skopt_lite.callbacks import CheckpointSaver, DeltaYStopper, ThresholdStopper
from skopt_lite.learning import GradientBoostingQuantileRegressor, RandomForestRegressor
from skopt_lite.optimizer.gp import GaussianProcess

# scikit-optimize 0.10.2's parameters, in its order (read from its source).
SKOPT_PARAMETERS = {
    gp_minimize: [
        "func", "dimensions", "base_estimator", "n_calls", "n_random_starts",
        "n_initial_points", "initial_point_generator", "acq_func", "acq_optimizer", "x0",
        "y0", "random_state", "verbose", "callback", "n_points", "n_restarts_optimizer",
        "xi", "kappa", "noise", "n_jobs", "model_queue_size", "space_constraint",
    ],
    forest_minimize: [
        "func", "dimensions", "base_estimator", "n_calls", "n_random_starts",
        "n_initial_points", "acq_func", "initial_point_generator", "x0", "y0",
        "random_state", "verbose", "callback", "n_points", "xi", "kappa", "n_jobs",
        "model_queue_size", "space_constraint",
    ],
    gbrt_minimize: [
        "func", "dimensions", "base_estimator", "n_calls", "n_random_starts",
        "n_initial_points", "initial_point_generator", "acq_func", "acq_optimizer", "x0",
        "y0", "random_state", "verbose", "callback", "n_points", "xi", "kappa", "n_jobs",
        "model_queue_size", "space_constraint",
    ],
    dummy_minimize: [
        "func", "dimensions", "n_calls", "initial_point_generator", "x0", "y0",
        "random_state", "verbose", "callback", "model_queue_size", "init_point_gen_kwargs",
        "space_constraint",
    ],
}
SKOPT_DEFAULTS = {
    gp_minimize: {"base_estimator": None, "n_calls": 100, "n_initial_points": 10,
                  "acq_func": "gp_hedge", "acq_optimizer": "auto", "n_points": 10000,
                  "n_restarts_optimizer": 5, "xi": 0.01, "kappa": 1.96, "noise": "gaussian",
                  "n_jobs": 1, "model_queue_size": None},
    forest_minimize: {"base_estimator": "ET", "acq_func": "EI", "n_points": 10000},
    gbrt_minimize: {"base_estimator": None, "acq_func": "LCB"},
    dummy_minimize: {"n_calls": 100, "initial_point_generator": "random"},
}

DIMS = [Real(-2.0, 2.0, name="x"), Integer(0, 6, name="k"), Categorical(["a", "b", "c"], name="c")]
SMALL = {"n_points": 300}  # keeps the GP runs fast


def objective(p):
    return (p[0] - 0.5) ** 2 + 0.1 * (p[1] - 2) ** 2 + {"a": 0.3, "b": 0.0, "c": 1.0}[p[2]]


class Counted:
    def __init__(self, f=objective):
        self.f, self.calls = f, []

    def __call__(self, x):
        self.calls.append(list(x))
        return self.f(x)


@pytest.mark.parametrize("func", list(SKOPT_PARAMETERS))
def test_signatures_are_scikit_optimizes_plus_resume_from(func):
    params = inspect.signature(func).parameters
    assert list(params) == SKOPT_PARAMETERS[func] + ["resume_from", "timeout"]
    assert params["resume_from"].kind is inspect.Parameter.KEYWORD_ONLY
    assert params["timeout"].kind is inspect.Parameter.KEYWORD_ONLY
    for name, default in SKOPT_DEFAULTS[func].items():
        assert params[name].default == default, name


def test_result_fields_and_one_model_per_fit():
    f = Counted()
    res = gp_minimize(f, DIMS, n_calls=8, n_initial_points=4, random_state=0, **SMALL)
    assert isinstance(res, OptimizeResult)
    assert len(res.x_iters) == len(f.calls) == 8 and res.x_iters == f.calls
    assert res.func_vals.shape == (8,)
    best = int(np.argmin(res.func_vals))
    assert res.x == res.x_iters[best] and res.fun == res.func_vals[best]
    assert res.space.dimensions == DIMS
    assert len(res.models) == 5 and all(isinstance(m, GaussianProcess) for m in res.models)
    assert res.specs["function"] == "gp_minimize"
    assert res.specs["args"]["n_calls"] == 8 and res.specs["args"]["func"] is f
    assert isinstance(res.random_state, np.random.RandomState)
    assert all(type(p[1]) is int and p in res.space for p in res.x_iters)


def test_model_queue_size_keeps_the_latest_models():
    res = gp_minimize(objective, DIMS, n_calls=8, n_initial_points=4, random_state=0,
                      model_queue_size=2, **SMALL)
    assert len(res.models) == 2
    assert len(res.models[-1].X_train_) == 8 and len(res.models[0].X_train_) == 7


def test_same_seed_same_run_and_gp_minimize_makes_progress():
    runs = []

    def run():
        runs.append(
            gp_minimize(objective, DIMS, n_calls=14, n_initial_points=5, random_state=1, **SMALL)
        )
        return runs[-1].x_iters

    same_seed_result(run)
    a = runs[0]
    assert a.fun <= np.min(a.func_vals[:5])
    # Progress, over a few seeds (a single seed's luck decides too much at 14 calls).
    funs = [
        gp_minimize(objective, DIMS, n_calls=14, n_initial_points=5, random_state=s, **SMALL).fun
        for s in range(5)
    ]
    assert sum(f < 0.05 for f in funs) >= 3, funs


def test_x0_is_evaluated_first_and_counts_in_n_calls():
    f = Counted()
    x0 = [[0.5, 2, "b"], [1.0, 0, "a"]]
    res = gp_minimize(f, DIMS, n_calls=6, n_initial_points=3, x0=x0, random_state=0, **SMALL)
    assert f.calls[:2] == x0 and len(f.calls) == 6 and res.x_iters[:2] == x0
    assert res.fun == 0.0 and res.x == [0.5, 2, "b"]
    # a single point
    f = Counted()
    res = forest_minimize(f, DIMS, n_calls=4, n_initial_points=3, x0=[0.5, 2, "b"],
                          random_state=0, n_points=100)
    assert f.calls[0] == [0.5, 2, "b"] and len(res.x_iters) == 4


def test_x0_with_y0_is_told_not_evaluated():
    f = Counted()
    x0 = [[0.5, 2, "b"], [1.0, 0, "a"]]
    res = dummy_minimize(f, DIMS, n_calls=5, x0=x0, y0=[7.0, 8.0], random_state=0)
    assert len(f.calls) == 5 and x0[0] not in f.calls
    assert res.x_iters[:2] == x0 and list(res.func_vals[:2]) == [7.0, 8.0]
    res = gp_minimize(f, DIMS, n_calls=3, n_initial_points=3, x0=x0[0], y0=-1.0,
                      random_state=0, **SMALL)
    assert res.fun == -1.0 and len(res.x_iters) == 4


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"n_calls": 3, "n_initial_points": 4}, "n_calls must be at least"),
        ({"n_calls": 4, "n_initial_points": 3, "x0": [[0.0, 1, "a"], [1.0, 1, "a"]]},
         "n_calls must be at least n_initial_points \\+ len\\(x0\\) = 5"),
        ({"n_initial_points": 0}, "n_initial_points must be > 0"),
        ({"y0": [1.0]}, "y0 is given without x0"),
        ({"x0": [[0.0, 1, "a"]], "y0": [1.0, 2.0]}, "same length"),
        ({"x0": "abc"}, "x0 must be a point"),
        ({"noise": "poisson"}, "noise must be 'gaussian'"),
        ({"noise": 0.1, "base_estimator": "RF"}, "noise=0.1 applies to the default"),
        ({"space_constraint": 3}, "space_constraint must be None or a callable"),
        ({"n_points": 0}, "n_points must be an integer >= 1"),
        ({"kappa": -1.0}, "kappa must be"),
        ({"callback": 3}, "callback must be a callable"),
        ({"resume_from": 3}, "resume_from must be a path"),
        ({"acq_func": "EIps"}, "acq_func"),
    ],
)
def test_bad_arguments_are_named(kwargs, message):
    with pytest.raises(InvalidParameterError, match=message):
        gp_minimize(objective, DIMS, **{"n_calls": 5, "n_initial_points": 2, **kwargs})


def test_func_must_return_a_number():
    with pytest.raises(TypeError, match="func must return a number"):
        gp_minimize(lambda x: "bad", DIMS, n_calls=3, n_initial_points=2)
    with pytest.raises(InvalidParameterError, match="func must be callable"):
        gp_minimize("f", DIMS, n_calls=3, n_initial_points=2)


def test_failures_are_kept_and_avoided():
    res = gp_minimize(lambda x: math.nan if x[0] > 1.0 else objective(x), DIMS, n_calls=10,
                      n_initial_points=4, random_state=0, **SMALL)
    assert np.isnan(res.func_vals).any() and math.isfinite(res.fun)


def test_n_random_starts_is_a_deprecated_alias():
    with pytest.warns(DeprecationWarning, match="n_random_starts"):
        res = gp_minimize(objective, DIMS, n_calls=4, n_random_starts=4, random_state=0)
    assert res.models == [] or len(res.models) == 1


def test_noise_fixes_the_gp_noise_level():
    res = gp_minimize(objective, DIMS, n_calls=6, n_initial_points=4, noise=1e-2,
                      random_state=0, **SMALL)
    assert math.isclose(res.models[-1].noise_variance_, 1e-2)


def test_callbacks_see_the_result_and_stop():
    seen = []

    def spy(res):
        seen.append((len(res.x_iters), res.elapsed_time, len(res.batch_times)))
        return len(res.x_iters) == 5

    res = gp_minimize(objective, DIMS, n_calls=20, n_initial_points=3, random_state=0,
                      callback=[spy, lambda r: None], **SMALL)
    assert len(res.x_iters) == 5 and [s[0] for s in seen] == [1, 2, 3, 4, 5]
    assert all(s[2] == s[0] for s in seen) and seen[-1][1] >= 0
    assert "checkpoint" not in res and "elapsed_time" not in res
    # the stoppers of skopt_lite.callbacks
    res = dummy_minimize(objective, DIMS, n_calls=50, random_state=0,
                         callback=ThresholdStopper(0.5))
    assert res.fun <= 0.5 and np.sum(res.func_vals <= 0.5) == 1
    res = dummy_minimize(lambda x: 1.0, DIMS, n_calls=50, random_state=0,
                         callback=DeltaYStopper(0.1, n_best=3))
    assert len(res.x_iters) == 3


def test_x0_callbacks_run_once_and_can_stop():
    calls = []
    res = gp_minimize(objective, DIMS, n_calls=10, n_initial_points=2, x0=[[0.0, 1, "a"],
                      [1.0, 2, "b"]], callback=lambda r: calls.append(1) or True, **SMALL)
    assert len(res.x_iters) == 2 and calls == [1]


def test_verbose_prints_one_line_per_call(capsys):
    dummy_minimize(objective, DIMS, n_calls=3, random_state=0, verbose=True)
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("[dummy_minimize] call 1/3: value ")
    assert "best so far" in lines[2] and lines[2].endswith(" s")


def test_tree_and_dummy_surrogates():
    res = forest_minimize(objective, DIMS, base_estimator="RF", n_calls=6, n_initial_points=4,
                          random_state=0, n_points=200)
    assert isinstance(res.models[-1], RandomForestRegressor) and len(res.models) == 3
    assert res.models[-1].n_estimators == 100 and res.models[-1].min_samples_leaf == 3
    res = gbrt_minimize(objective, DIMS, n_calls=5, n_initial_points=4, random_state=0,
                        n_points=200)
    assert isinstance(res.models[-1], GradientBoostingQuantileRegressor)
    res = dummy_minimize(objective, DIMS, n_calls=12, random_state=0,
                         initial_point_generator="lhs")
    assert res.models == [] and len({repr(p) for p in res.x_iters}) == 12
    with pytest.raises(InvalidParameterError, match="acq_optimizer must be 'auto' or"):
        gbrt_minimize(objective, DIMS, n_calls=5, acq_optimizer="lbfgs")


def test_space_constraint_holds_for_every_proposal():
    def inside(p):
        return p[0] + p[1] <= 2 and p[2] != "c"

    res = gp_minimize(objective, DIMS, n_calls=10, n_initial_points=4, random_state=0,
                      space_constraint=inside, **SMALL)
    assert all(inside(p) for p in res.x_iters)
    res = forest_minimize(objective, DIMS, n_calls=6, n_initial_points=3, random_state=0,
                          space_constraint=inside, n_points=100)
    assert all(inside(p) for p in res.x_iters)
    with pytest.warns(UserWarning, match="every one that satisfies space_constraint"):
        res = dummy_minimize(lambda p: p[0] - p[1], [Integer(0, 4), Integer(0, 4)], n_calls=20,
                             random_state=0, space_constraint=lambda p: p[0] + p[1] <= 3)
    assert len(res.x_iters) == 10


def test_a_finite_space_runs_out_with_a_warning():
    def f(x):
        return x[0] + {"a": 0, "b": 1, "c": 2}[x[1]]

    with pytest.warns(UserWarning, match="only 6 points"):
        res = gp_minimize(f, [Integer(0, 1), Categorical(["a", "b", "c"])], n_calls=9,
                          n_initial_points=2, random_state=0, **SMALL)
    assert len(res.x_iters) == 6


# -- checkpoints ----------------------------------------------------------------------------
class Crash(Exception):
    pass


def _crash_after(n):
    calls = []

    def callback(res):
        calls.append(1)
        if len(calls) == n:
            raise Crash

    return callback


@pytest.mark.parametrize(
    "minimize, kwargs",
    [
        (gp_minimize, {"n_points": 300}),
        (gp_minimize, {"n_points": 300, "acq_func": "EI", "x0": [[0.0, 1, "c"]]}),
        (forest_minimize, {"base_estimator": "RF", "n_points": 200}),
    ],
)
def test_resume_is_the_uninterrupted_run(tmp_path, minimize, kwargs):
    path = tmp_path / "ckpt.json"
    common = dict(n_calls=7, n_initial_points=3, **kwargs)
    full = minimize(Counted(), DIMS, random_state=5, **common)
    with pytest.raises(Crash):
        minimize(Counted(), DIMS, random_state=5, resume_from=path,
                 callback=[CheckpointSaver(path), _crash_after(5)], **common)
    state = json.loads(path.read_text())
    assert state["format"] == "skopt_lite.minimize checkpoint" and len(state["evaluations"]) == 5
    f = Counted()
    resumed = minimize(f, DIMS, resume_from=path, **common)  # the seed comes from the file
    assert len(f.calls) == 2
    assert resumed.x_iters == full.x_iters
    assert list(resumed.func_vals) == list(full.func_vals)


def test_a_missing_checkpoint_starts_anew(tmp_path):
    path = tmp_path / "new.json"
    res = dummy_minimize(Counted(), DIMS, n_calls=3, random_state=0, resume_from=path,
                         callback=CheckpointSaver(path))
    assert len(res.x_iters) == 3 and path.exists()
    f = Counted()
    again = dummy_minimize(f, DIMS, n_calls=3, resume_from=path)  # nothing left to do
    assert again.x_iters == res.x_iters and f.calls == []
    with pytest.raises(ValueError, match="func \\(checkpoint: '<test_minimize.Counted>'; now:"
                       " 'test_minimize.objective'\\)"):
        dummy_minimize(objective, DIMS, n_calls=3, resume_from=path)


def test_checkpoints_are_refused_by_the_wrong_run(tmp_path):
    path = tmp_path / "ckpt.json"
    gp_minimize(objective, DIMS, n_calls=4, n_initial_points=3, random_state=0,
                callback=CheckpointSaver(path), **SMALL)
    with pytest.raises(ValueError, match="was written by 'gp_minimize', not 'forest_minimize'"):
        forest_minimize(objective, DIMS, n_calls=4, n_initial_points=3, resume_from=path)
    with pytest.raises(ValueError, match="acq_func \\(checkpoint: 'gp_hedge'; now: 'EI'\\)"):
        gp_minimize(objective, DIMS, n_calls=4, n_initial_points=3, acq_func="EI",
                    resume_from=path, **SMALL)
    with pytest.raises(ValueError, match="another search space"):
        gp_minimize(objective, DIMS[:2] + [Categorical(["a", "b"])], n_calls=4,
                    n_initial_points=3, resume_from=path, **SMALL)
    with pytest.raises(ValueError, match="already holds 4 calls, more than n_calls=3"):
        gp_minimize(objective, DIMS, n_calls=3, n_initial_points=3, resume_from=path, **SMALL)
    with pytest.raises(ValueError, match="checkpoint of a minimize function.*cannot resume"
                       " BayesSearchCV"):
        BayesSearchCV(Quadratic(), {"x": Real(0, 1)}, n_iter=2, cv=2).fit(
            np.zeros((8, 2)), np.arange(8) % 2, resume_from=path
        )
    search_path = tmp_path / "search.json"
    BayesSearchCV(Quadratic(), {"x": Real(0, 1)}, n_iter=2, cv=2).fit(
        np.zeros((8, 2)), np.arange(8) % 2, callback=CheckpointSaver(search_path)
    )
    with pytest.raises(ValueError, match="checkpoint of BayesSearchCV; it cannot resume a"
                       " minimize function"):
        gp_minimize(objective, DIMS, n_calls=4, n_initial_points=3, resume_from=search_path)


def test_checkpoint_saver_takes_skopts_dump_options_and_checks_the_folder(tmp_path):
    CheckpointSaver(tmp_path / "c.json", compress=9)
    with pytest.raises(FileNotFoundError, match="does not exist"):
        dummy_minimize(objective, DIMS, n_calls=2,
                       callback=CheckpointSaver(tmp_path / "no" / "c.json"))


def test_load_reads_a_checkpoint_and_its_result_continues_the_search(tmp_path):
    # scikit-optimize's interruptible-optimization example: load the CheckpointSaver's
    # file, then pass x_iters, func_vals, specs' base_estimator and random_state back
    path = tmp_path / "checkpoint.pkl"
    dims = DIMS[:2] + [Categorical([("a", 1), None])]

    def f(p):
        return objective(p[:2] + ["a" if p[2] is None else "b"])

    first = gp_minimize(f, dims, n_calls=5, n_initial_points=3, random_state=0,
                        callback=CheckpointSaver(path, compress=9), **SMALL)
    res = load(path)
    assert res.x_iters == first.x_iters and list(res.func_vals) == list(first.func_vals)
    assert res.space == first.space and res.x == first.x and res.fun == first.fun
    assert res.specs["function"] == "gp_minimize" and res.specs["args"]["base_estimator"] == "GP"
    more = gp_minimize(f, dims, x0=res.x_iters, y0=res.func_vals, n_calls=2,
                       n_initial_points=1, base_estimator=res.specs["args"]["base_estimator"],
                       random_state=res.random_state, **SMALL)
    assert more.x_iters[:5] == first.x_iters and len(more.x_iters) == 7
    odd = tmp_path / "odd.json"
    dummy_minimize(lambda p: p[0], DIMS[:2] + [Categorical([1.5j, 2j])], n_calls=2, random_state=0,
                   callback=CheckpointSaver(odd))
    with pytest.raises(ValueError, match="cannot be rebuilt from JSON.*resume_from="):
        load(odd)


def test_timeout_overruns_by_at_most_one_evaluation(monkeypatch, capsys):
    from conftest import FakeClock

    import skopt_lite.minimize as minimize_module

    # Each evaluation takes 1 s and 3 s pass per call (before, after, callbacks):
    # at 9 s, 1 s is left, no more than the last call took: stop after 3 calls.
    monkeypatch.setattr(minimize_module, "time", FakeClock(step=1.0))
    res = dummy_minimize(objective, DIMS, n_calls=20, random_state=0, timeout=10, verbose=True)
    assert len(res.x_iters) == 3
    assert "timeout=10s: stopping after 3 calls" in capsys.readouterr().out
    assert len(dummy_minimize(objective, DIMS, n_calls=5, timeout=float("inf")).x_iters) == 5
    with pytest.raises(InvalidParameterError, match="timeout"):
        dummy_minimize(objective, DIMS, n_calls=5, timeout=0)


def test_a_list_of_two_numbers_warns_that_scikit_optimize_read_a_range():
    with pytest.warns(UserWarning, match=r"dimensions\[0\] = \[1, 10\].*Integer\(1, 10\)") as got:
        dummy_minimize(lambda p: p[0] + p[1], [[1, 10], (0.0, 1.0)], n_calls=3, random_state=0)
    assert got[0].filename == __file__  # the warning points at the user's call
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a tuple is a range, strings are choices: no warning
        dummy_minimize(lambda p: p[0], [(1, 10), ["a", "b"]], n_calls=3, random_state=0)
