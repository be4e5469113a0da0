"""Minimising a Python function: scikit-optimize's ``gp_minimize`` and its siblings.

:func:`gp_minimize`, :func:`forest_minimize`, :func:`gbrt_minimize` and
:func:`dummy_minimize` take scikit-optimize 0.10's parameters, in its order,
and share one loop over :class:`~skopt_lite.Optimizer`'s ``ask`` and ``tell``:
evaluate ``x0`` (unless ``y0`` is given), then ask, evaluate and tell until
``n_calls`` evaluations are done, calling the callbacks after each.

Checkpoints are the optimiser's state and the evaluations as JSON
(:class:`~skopt_lite.callbacks.CheckpointSaver`), and ``resume_from=path``
goes on from one exactly as the uninterrupted run would have.
"""

from __future__ import annotations

import math
import numbers
import os
import time
import warnings
from collections.abc import Callable, Iterable

import numpy as np
from sklearn.utils import check_random_state

from . import _checkpoint
from ._validation import InvalidParameterError, check_int, check_real, is_real
from .callbacks import DeadlineStopper, check_callback
from .optimizer import Optimizer, OptimizeResult
from .optimizer.gp import GaussianProcess
from .space import Space, skopt_range_lists, skopt_range_message

__all__ = ["dummy_minimize", "forest_minimize", "gbrt_minimize", "gp_minimize"]

# The GP's smallest noise variance (relative to the targets' variance): a
# fixed ``noise`` below it is raised to it, for a stable factorisation.
_NOISE_FLOOR = 1e-6

_COMMON_PARAMETERS = """
    func : callable
        The function to minimise: takes a point (a list of values, one per
        dimension) and returns a number; nan or +-inf mark a failed
        evaluation, which the optimiser learns as worse than every finite
        value. With named dimensions, :func:`skopt_lite.utils.use_named_args`
        lets it take keyword arguments instead.
    dimensions : Space or list
        The search space: ``Real``, ``Integer`` and ``Categorical``
        dimensions, or shorthands (a ``(low, high)`` or ``(low, high, prior)``
        tuple for a range, a list for categories)."""

_LOOP_PARAMETERS = """
    x0 : list, list of lists or None, default=None
        Points to evaluate first: one point or a list of points.
    y0 : float, list of float or None, default=None
        Their values. When None, ``func`` is evaluated at every point of
        ``x0`` (these evaluations count in ``n_calls``); when given, they
        are told as they are and ``n_calls`` evaluations follow.
    random_state : int, RandomState instance or None, default=None
        Seed of all randomness.
    verbose : bool, default=False
        Print one line per evaluation: its number, value, the best value so
        far and the time it took.
    callback : callable, list of callables or None, default=None
        Called with the current result after each evaluation (after all of
        ``x0`` at once); returning True stops. The result also carries
        ``elapsed_time``, ``batch_times`` (seconds of each evaluation) and
        ``checkpoint``, so the stoppers and
        :class:`~skopt_lite.callbacks.CheckpointSaver` of
        :mod:`skopt_lite.callbacks` work here as in :class:`~skopt_lite.BayesSearchCV`."""

_QUEUE_PARAMETERS = """
    model_queue_size : int or None, default=None
        How many fitted surrogates ``result.models`` keeps, the latest ones
        (one is fit per evaluation once the initial points are told); None
        keeps them all.
    space_constraint : callable or None, default=None
        ``space_constraint(point) -> bool``: only points for which it is True
        are proposed (``x0`` is not checked)."""

_RESUME_AND_RETURNS = """
    resume_from : str, path-like or None, default=None
        A checkpoint written by :class:`~skopt_lite.callbacks.CheckpointSaver`
        during a call of the same function on the same problem. Its
        evaluations are read back, not re-run, and the call goes on until
        ``n_calls`` evaluations, proposing exactly what an uninterrupted run
        would have. A missing file starts anew (so one script can be rerun
        after a crash); a checkpoint made for another problem, another
        function or with other settings is refused with a ValueError naming
        what differs. Only the latest surrogate is rebuilt on resume.
    timeout : float or None, default=None
        Seconds the call may take. After each evaluation it stops if the time
        left is shorter than that evaluation took, so it overruns ``timeout``
        by at most one evaluation (as
        :class:`~skopt_lite.callbacks.DeadlineStopper`). None (or ``inf``) for
        no limit. Not recorded in checkpoints: a resumed call has its own.

    Returns
    -------
    result : OptimizeResult
        ``x`` (best point), ``fun`` (its value), ``x_iters`` (every point
        evaluated, ``x0`` first), ``func_vals`` (their values), ``space``,
        ``models`` (the fitted surrogates), ``specs`` (``{"args": ...,
        "function": ...}``: the arguments of the call) and ``random_state``
        (the optimiser's generator)."""


def _doc(template: str) -> str:
    parts = {
        "{common}": _COMMON_PARAMETERS,
        "{loop}": _LOOP_PARAMETERS,
        "{queue}": _QUEUE_PARAMETERS,
        "{resume}": _RESUME_AND_RETURNS,
        "{tail}": _QUEUE_PARAMETERS + _RESUME_AND_RETURNS,
    }
    for key, text in parts.items():
        template = template.replace(key, text.strip("\n"))
    return template


def gp_minimize(
    func: Callable,
    dimensions,
    base_estimator=None,
    n_calls: int = 100,
    n_random_starts: int | None = None,
    n_initial_points: int = 10,
    initial_point_generator="random",
    acq_func: str = "gp_hedge",
    acq_optimizer: str = "auto",
    x0=None,
    y0=None,
    random_state=None,
    verbose: bool = False,
    callback=None,
    n_points: int = 10000,
    n_restarts_optimizer: int = 5,
    xi: float = 0.01,
    kappa: float = 1.96,
    noise="gaussian",
    n_jobs: int | None = 1,
    model_queue_size: int | None = None,
    space_constraint=None,
    *,
    resume_from=None,
    timeout: float | None = None,
) -> OptimizeResult:
    specs = {"args": dict(locals()), "function": "gp_minimize"}
    gp = _gp_with_noise(noise)
    if base_estimator is None or (
        isinstance(base_estimator, str) and base_estimator.upper() == "GP"
    ):
        base_estimator = gp
    elif gp != "GP":
        raise InvalidParameterError(
            f"noise={noise!r} applies to the default Gaussian process only; with"
            f" base_estimator={base_estimator!r}, set the noise on the estimator and leave"
            " noise='gaussian'."
        )
    return _minimize(
        func,
        dimensions,
        base_estimator,
        specs,
        n_calls=n_calls,
        n_random_starts=n_random_starts,
        n_initial_points=n_initial_points,
        initial_point_generator=initial_point_generator,
        acq_func=acq_func,
        acq_optimizer=acq_optimizer,
        x0=x0,
        y0=y0,
        random_state=random_state,
        verbose=verbose,
        callback=callback,
        n_points=n_points,
        n_restarts_optimizer=n_restarts_optimizer,
        xi=xi,
        kappa=kappa,
        n_jobs=n_jobs,
        model_queue_size=model_queue_size,
        space_constraint=space_constraint,
        resume_from=resume_from,
        timeout=timeout,
        settings={"noise": noise},
    )


gp_minimize.__doc__ = _doc(
    """Minimise ``func`` by Bayesian optimisation with a Gaussian process.

    After ``n_initial_points`` points of the initial design, each point
    maximises an acquisition function of a Gaussian process fit to every
    value so far. scikit-optimize's parameters, in its order, with
    ``resume_from`` and ``timeout`` added.

    Parameters
    ----------
{common}
    base_estimator : None, "GP" or regressor, default=None
        None (or ``"GP"``) for skopt_lite's Gaussian process (ARD Matérn-5/2
        kernel, learned noise, hyperparameters warm-started between fits);
        any base_estimator :class:`~skopt_lite.Optimizer` accepts also works.
    n_calls : int, default=100
        Number of evaluations of ``func``, ``x0`` included when ``y0`` is None.
    n_random_starts : int or None, default=None
        Deprecated alias of ``n_initial_points`` (it overrides it, with a
        DeprecationWarning), as in scikit-optimize.
    n_initial_points : int, default=10
        Points of the initial design evaluated before the model is used (after ``x0``).
    initial_point_generator : {"random", "sobol", "halton", "hammersly", "lhs", "grid"} \
or generator, default="random"
        The initial design (see :class:`~skopt_lite.Optimizer`).
    acq_func : {"gp_hedge", "EI", "PI", "LCB", "MES"}, default="gp_hedge"
        The acquisition function.
    acq_optimizer : {"auto", "lbfgs", "sampling"}, default="auto"
        ``"sampling"`` scores ``n_points`` candidates; ``"lbfgs"`` (what
        ``"auto"`` is with a ``Real`` dimension) also refines the best
        ``n_restarts_optimizer`` of them with L-BFGS-B.
{loop}
    n_points : int, default=10000
        Candidate points scored by the acquisition function per proposal.
    n_restarts_optimizer : int, default=5
        Candidates refined by L-BFGS-B.
    xi : float, default=0.01
        Improvement over the best value that EI and PI ask for, in the units
        of ``func``.
    kappa : float, default=1.96
        Weight of the standard deviation in LCB.
    noise : "gaussian" or float, default="gaussian"
        ``"gaussian"``: the noise level is learned (down to a floor of
        ``1e-6`` of the values' variance, so a noise-free ``func`` is
        interpolated). A float fixes the noise variance, relative to the
        variance of the (standardised) values as in scikit-optimize, where
        the GP normalises ``y``; values below ``1e-6`` are raised to it.
    n_jobs : int or None, default=1
        Accepted for scikit-optimize compatibility; changes nothing: the
        acquisition's L-BFGS-B restarts run vectorised in one process.
{tail}

    See Also
    --------
    forest_minimize, gbrt_minimize, dummy_minimize
    skopt_lite.Optimizer : the ask/tell loop underneath.

    Examples
    --------
    >>> from skopt_lite import gp_minimize
    >>> from skopt_lite.benchmarks import branin
    >>> result = gp_minimize(branin, [(-5.0, 10.0), (0.0, 15.0)], n_calls=30,
    ...                      random_state=0)
    >>> len(result.x_iters), bool(result.fun < 0.5)  # the minimum is 0.397887
    (30, True)
    """
)


def forest_minimize(
    func: Callable,
    dimensions,
    base_estimator="ET",
    n_calls: int = 100,
    n_random_starts: int | None = None,
    n_initial_points: int = 10,
    acq_func: str = "EI",
    initial_point_generator="random",
    x0=None,
    y0=None,
    random_state=None,
    verbose: bool = False,
    callback=None,
    n_points: int = 10000,
    xi: float = 0.01,
    kappa: float = 1.96,
    n_jobs: int | None = 1,
    model_queue_size: int | None = None,
    space_constraint=None,
    *,
    resume_from=None,
    timeout: float | None = None,
) -> OptimizeResult:
    specs = {"args": dict(locals()), "function": "forest_minimize"}
    return _minimize(
        func,
        dimensions,
        base_estimator,
        specs,
        n_calls=n_calls,
        n_random_starts=n_random_starts,
        n_initial_points=n_initial_points,
        initial_point_generator=initial_point_generator,
        acq_func=acq_func,
        acq_optimizer="sampling",
        x0=x0,
        y0=y0,
        random_state=random_state,
        verbose=verbose,
        callback=callback,
        n_points=n_points,
        n_restarts_optimizer=0,
        xi=xi,
        kappa=kappa,
        n_jobs=n_jobs,
        model_queue_size=model_queue_size,
        space_constraint=space_constraint,
        resume_from=resume_from,
        timeout=timeout,
    )


forest_minimize.__doc__ = _doc(
    """Minimise ``func`` by sequential optimisation with a forest of trees as the surrogate.

    The surrogate's mean is the trees' average and its standard deviation
    their spread plus that of the values in their leaves (see
    :class:`skopt_lite.learning.RandomForestRegressor`);
    the acquisition function is maximised over ``n_points`` sampled
    candidates (trees have no gradient). scikit-optimize's parameters, in
    its order, with ``resume_from`` and ``timeout`` added.

    Parameters
    ----------
{common}
    base_estimator : {"ET", "RF"} or regressor, default="ET"
        ``"ET"`` (extremely randomised trees) or ``"RF"`` (random forest),
        100 trees with at least 3 samples per leaf, seeded from
        ``random_state``; or a regressor instance whose ``predict`` accepts
        ``return_std=True``.
    n_calls : int, default=100
        Number of evaluations of ``func``, ``x0`` included when ``y0`` is None.
    n_random_starts : int or None, default=None
        Deprecated alias of ``n_initial_points``.
    n_initial_points : int, default=10
        Points of the initial design evaluated before the model is used (after ``x0``).
    acq_func : {"EI", "PI", "LCB", "MES", "gp_hedge"}, default="EI"
        The acquisition function.
    initial_point_generator : {"random", "sobol", "halton", "hammersly", "lhs", "grid"} \
or generator, default="random"
        The initial design.
{loop}
    n_points : int, default=10000
        Candidate points scored by the acquisition function per proposal.
    xi : float, default=0.01
        Improvement over the best value that EI and PI ask for, in the units
        of ``func``.
    kappa : float, default=1.96
        Weight of the standard deviation in LCB.
    n_jobs : int or None, default=1
        Threads that fit the trees (-1 for all cores).
{tail}

    See Also
    --------
    gp_minimize, gbrt_minimize, dummy_minimize

    Examples
    --------
    >>> from skopt_lite import forest_minimize
    >>> result = forest_minimize(lambda x: (x[0] - 3) ** 2 + (x[1] != "b"),
    ...                          [(0, 10), ["a", "b", "c"]], n_calls=15, random_state=0)
    >>> len(result.func_vals)
    15
    """
)


def gbrt_minimize(
    func: Callable,
    dimensions,
    base_estimator=None,
    n_calls: int = 100,
    n_random_starts: int | None = None,
    n_initial_points: int = 10,
    initial_point_generator="random",
    acq_func: str = "LCB",
    acq_optimizer: str = "auto",
    x0=None,
    y0=None,
    random_state=None,
    verbose: bool = False,
    callback=None,
    n_points: int = 10000,
    xi: float = 0.01,
    kappa: float = 1.96,
    n_jobs: int | None = 1,
    model_queue_size: int | None = None,
    space_constraint=None,
    *,
    resume_from=None,
    timeout: float | None = None,
) -> OptimizeResult:
    specs = {"args": dict(locals()), "function": "gbrt_minimize"}
    if acq_optimizer not in ("auto", "sampling"):
        raise InvalidParameterError(
            "acq_optimizer must be 'auto' or 'sampling' (gradient boosting has no"
            f" gradient to follow), got acq_optimizer={acq_optimizer!r}."
        )
    return _minimize(
        func,
        dimensions,
        "GBRT" if base_estimator is None else base_estimator,
        specs,
        n_calls=n_calls,
        n_random_starts=n_random_starts,
        n_initial_points=n_initial_points,
        initial_point_generator=initial_point_generator,
        acq_func=acq_func,
        acq_optimizer="sampling",
        x0=x0,
        y0=y0,
        random_state=random_state,
        verbose=verbose,
        callback=callback,
        n_points=n_points,
        n_restarts_optimizer=0,
        xi=xi,
        kappa=kappa,
        n_jobs=n_jobs,
        model_queue_size=model_queue_size,
        space_constraint=space_constraint,
        resume_from=resume_from,
        timeout=timeout,
    )


gbrt_minimize.__doc__ = _doc(
    """Minimise ``func`` by sequential optimisation with gradient-boosted trees as the surrogate.

    The surrogate is :class:`skopt_lite.learning.GradientBoostingQuantileRegressor`:
    boosting fit to the 0.16, 0.5 and 0.84 quantiles, the median read as the
    mean and half the spread as the standard deviation. scikit-optimize's
    parameters, in its order, with ``resume_from`` and ``timeout`` added.

    Parameters
    ----------
{common}
    base_estimator : None or GradientBoostingQuantileRegressor, default=None
        None for 30 boosting stages per quantile, seeded from ``random_state``.
    n_calls : int, default=100
        Number of evaluations of ``func``, ``x0`` included when ``y0`` is None.
    n_random_starts : int or None, default=None
        Deprecated alias of ``n_initial_points``.
    n_initial_points : int, default=10
        Points of the initial design evaluated before the model is used (after ``x0``).
    initial_point_generator : {"random", "sobol", "halton", "hammersly", "lhs", "grid"} \
or generator, default="random"
        The initial design.
    acq_func : {"LCB", "EI", "PI", "gp_hedge"}, default="LCB"
        The acquisition function.
    acq_optimizer : {"auto", "sampling"}, default="auto"
        Both mean sampling ``n_points`` candidates, as in scikit-optimize.
{loop}
    n_points : int, default=10000
        Candidate points scored by the acquisition function per proposal.
    xi : float, default=0.01
        Improvement over the best value that EI and PI ask for.
    kappa : float, default=1.96
        Weight of the standard deviation in LCB.
    n_jobs : int or None, default=1
        Threads that fit the three quantile models.
{tail}

    See Also
    --------
    gp_minimize, forest_minimize, dummy_minimize
    """
)


def dummy_minimize(
    func: Callable,
    dimensions,
    n_calls: int = 100,
    initial_point_generator="random",
    x0=None,
    y0=None,
    random_state=None,
    verbose: bool = False,
    callback=None,
    model_queue_size: int | None = None,
    init_point_gen_kwargs: dict | None = None,
    space_constraint=None,
    *,
    resume_from=None,
    timeout: float | None = None,
) -> OptimizeResult:
    specs = {"args": dict(locals()), "function": "dummy_minimize"}
    n_calls = check_int(n_calls, "n_calls", low=0)
    x0_count = len(_as_points(x0)) if (x0 is not None and y0 is None) else 0
    return _minimize(
        func,
        dimensions,
        "DUMMY",
        specs,
        n_calls=n_calls,
        n_random_starts=None,
        n_initial_points=max(n_calls - x0_count, 0),
        initial_point_generator=initial_point_generator,
        acq_func="EI",
        acq_optimizer="sampling",
        x0=x0,
        y0=y0,
        random_state=random_state,
        verbose=verbose,
        callback=callback,
        n_points=1,
        n_restarts_optimizer=0,
        xi=0.01,
        kappa=1.96,
        n_jobs=1,
        model_queue_size=model_queue_size,
        space_constraint=space_constraint,
        resume_from=resume_from,
        timeout=timeout,
        settings={"init_point_gen_kwargs": init_point_gen_kwargs},
    )


dummy_minimize.__doc__ = _doc(
    """Minimise ``func`` by random search: every point from the initial design.

    A baseline for the other minimize functions: no surrogate is fit
    (``result.models`` stays empty). scikit-optimize's parameters, in its
    order, with ``resume_from`` and ``timeout`` added.

    Parameters
    ----------
{common}
    n_calls : int, default=100
        Number of evaluations of ``func``, ``x0`` included when ``y0`` is None.
    initial_point_generator : {"random", "sobol", "halton", "hammersly", "lhs", "grid"} \
or generator, default="random"
        Where the points come from; ``"random"`` draws them by the priors of
        the dimensions. Points are never repeated.
{loop}
{queue}
    init_point_gen_kwargs : dict or None, default=None
        Accepted for scikit-optimize compatibility, which ignores it too;
        pass a configured generator (e.g. ``skopt_lite.sampler.Lhs(criterion="maximin")``)
        as ``initial_point_generator`` instead.
{resume}

    See Also
    --------
    gp_minimize, forest_minimize, gbrt_minimize

    Examples
    --------
    >>> from skopt_lite import dummy_minimize
    >>> result = dummy_minimize(lambda x: x[0] ** 2, [(-1.0, 1.0)], n_calls=10,
    ...                         random_state=0)
    >>> len(result.x_iters), result.models
    (10, [])
    """
)

# -- the shared loop ------------------------------------------------------------------
def _gp_with_noise(noise):
    """The Gaussian process for gp_minimize's ``noise``, or None for the default one."""
    if isinstance(noise, str) and noise == "gaussian":
        return "GP"
    if not is_real(noise) or not np.isfinite(noise) or noise < 0:
        raise InvalidParameterError(
            "noise must be 'gaussian' (the noise level is learned) or a number >= 0 (a"
            f" fixed noise variance), got noise={noise!r}."
        )
    level = max(float(noise), _NOISE_FLOOR)
    return GaussianProcess(noise_bounds=(level, level))


def _as_points(x0) -> list:
    """``x0`` as a list of points (one point or a list of points)."""
    if x0 is None:
        return []
    if isinstance(x0, (str, bytes)) or not isinstance(x0, (list, tuple, np.ndarray)):
        raise InvalidParameterError(
            f"x0 must be a point (a list of values) or a list of points, got x0={x0!r}."
        )
    x0 = list(x0)
    if not x0:
        return []
    if isinstance(x0[0], (list, tuple, np.ndarray)):
        return [list(p) for p in x0]
    return [x0]


def _as_values(y0, n_x0: int):
    """``y0`` as a list of values, or None."""
    if y0 is None:
        return None
    if n_x0 == 0:
        raise InvalidParameterError(f"y0 is given without x0; got y0={y0!r}. Pass x0 as well.")
    if isinstance(y0, numbers.Number) or (isinstance(y0, np.ndarray) and y0.ndim == 0):
        values = [y0]
    elif isinstance(y0, Iterable) and not isinstance(y0, (str, bytes)):
        values = list(y0)
    else:
        raise InvalidParameterError(f"y0 must be a number or a list of numbers, got y0={y0!r}.")
    if len(values) != n_x0:
        raise InvalidParameterError(
            f"x0 and y0 must have the same length, got {n_x0} points and {len(values)} values."
        )
    return values


def _check_value(value, x) -> float:
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if not is_real(value):
        raise TypeError(
            f"func must return a number (nan for a failed evaluation), got {value!r} at x={x!r}."
        )
    return float(value)


class _Run:
    """One call of a minimize function: the optimiser, the callbacks and the clock."""

    def __init__(self, opt, name, func, callbacks, verbose, n_calls, n_free, seed, made_for):
        self.opt = opt
        self.name = name
        self.func = func
        self.callbacks = callbacks
        self.verbose = verbose
        self.n_calls = n_calls
        self.n_free = n_free  # told values that do not count in n_calls (x0 with y0)
        self.seed = seed
        self.made_for = made_for
        self.start = time.monotonic()
        self.deadline: DeadlineStopper | None = None  # from the timeout parameter
        self.call_times: list[float] = []
        self.n_done = 0  # calls of func, resumed ones included
        self.best = np.inf

    def evaluate(self, x) -> float:
        t0 = time.monotonic()
        value = _check_value(self.func(x), x)
        self.call_times.append(time.monotonic() - t0)
        self.n_done += 1
        if np.isfinite(value):
            self.best = min(self.best, value)
        if self.verbose:
            print(
                f"[{self.name}] call {self.n_done}/{self.n_calls}: value {value:.6g},"
                f" best so far {self.best:.6g}, {self.call_times[-1]:.3f} s"
            )
        return value

    def after(self, result) -> bool:
        """Run the callbacks on ``result``; True means stop."""
        if not self.callbacks and self.deadline is None:
            return False
        view = OptimizeResult(result)
        view["elapsed_time"] = time.monotonic() - self.start
        view["batch_times"] = list(self.call_times)
        view["checkpoint"] = self.checkpoint_state
        stop = False
        for cb in self.callbacks:
            stop = bool(cb(view)) or stop
        if self.deadline is not None and self.deadline(view):
            if self.verbose:
                print(
                    f"[{self.name}] timeout={self.deadline.total_time:.6g}s: stopping after"
                    f" {self.n_done} calls ({view['elapsed_time']:.6g}s)"
                )
            stop = True
        return stop

    def checkpoint_state(self) -> dict:
        """The run as JSON data: evaluations, optimiser state, what it was made for."""
        opt = self.opt
        state = opt._get_state()
        state["rng"] = _checkpoint.encode_rng(opt.rng)
        return {
            "format": _checkpoint.MINIMIZE_FORMAT,
            "version": _checkpoint.MINIMIZE_VERSION,
            "function": self.name,
            "space": _checkpoint.jsonable(_checkpoint.describe_space(opt.space)),
            # what utils.load rebuilds the space from (None if a category is not JSON)
            "dimensions": _checkpoint.space_to_json(opt.space),
            "made_for": self.made_for,
            "seed": self.seed,
            "n_free": self.n_free,
            "optimizer": _checkpoint.jsonable(state),
            "evaluations": [
                {"point": _checkpoint.encode_point(opt.space, x), "y": _checkpoint.jsonable(y)}
                for x, y in zip(opt.Xi, opt.yi)
            ],
        }


def _minimize(
    func,
    dimensions,
    base_estimator,
    specs,
    *,
    n_calls,
    n_random_starts,
    n_initial_points,
    initial_point_generator,
    acq_func,
    acq_optimizer,
    x0,
    y0,
    random_state,
    verbose,
    callback,
    n_points,
    n_restarts_optimizer,
    xi,
    kappa,
    n_jobs,
    model_queue_size,
    space_constraint,
    resume_from,
    timeout=None,
    settings=None,
) -> OptimizeResult:
    name = specs["function"]
    if not callable(func):
        raise InvalidParameterError(f"func must be callable, got func={func!r}.")
    n_calls = check_int(n_calls, "n_calls", low=0)
    if n_random_starts is not None:
        warnings.warn(
            "n_random_starts is deprecated (as in scikit-optimize); use n_initial_points."
            " It overrides n_initial_points.",
            DeprecationWarning,
            stacklevel=3,
        )
        n_initial_points = n_random_starts
    n_initial_points = check_int(n_initial_points, "n_initial_points", low=0)
    points0 = _as_points(x0)
    values0 = _as_values(y0, len(points0))
    if n_initial_points == 0 and not points0:
        raise InvalidParameterError(
            "n_initial_points must be > 0 when no x0 is given, got n_initial_points=0."
        )
    required = n_initial_points + (len(points0) if values0 is None else 0)
    if n_calls < required:
        raise InvalidParameterError(
            f"n_calls must be at least n_initial_points + len(x0) = {required} (x0 counts"
            f" when y0 is None), got n_calls={n_calls}."
        )
    check_int(n_points, "n_points", low=1)
    check_int(n_restarts_optimizer, "n_restarts_optimizer", low=0)
    check_real(xi, "xi")
    check_real(kappa, "kappa", low=0.0)
    if timeout is not None and not (is_real(timeout) and timeout == math.inf):
        timeout = check_real(timeout, "timeout", low=0.0, include_low=False)
    if resume_from is not None and not isinstance(resume_from, (str, os.PathLike)):
        raise InvalidParameterError(
            "resume_from must be a path (a str or a pathlib.Path), got"
            f" resume_from={resume_from!r}."
        )
    callbacks = check_callback(callback)
    _warn_skopt_range_lists(dimensions)
    n_free = len(points0) if values0 is not None else 0
    made_for = _checkpoint.jsonable(
        {
            "func": _checkpoint.describe_value(func),
            "base_estimator": _checkpoint.describe_value(base_estimator),
            "n_initial_points": n_initial_points,
            "initial_point_generator": _checkpoint.describe_value(initial_point_generator),
            "acq_func": acq_func,
            "acq_optimizer": acq_optimizer,
            "n_points": _checkpoint.describe_value(n_points),
            "n_restarts_optimizer": _checkpoint.describe_value(n_restarts_optimizer),
            "xi": _checkpoint.describe_value(xi),
            "kappa": _checkpoint.describe_value(kappa),
            "space_constraint": _checkpoint.describe_value(space_constraint),
            "x0": [[_checkpoint.describe_value(v) for v in p] for p in points0],
            "y0": None if values0 is None else [_checkpoint.describe_value(v) for v in values0],
            **{k: _checkpoint.describe_value(v) for k, v in (settings or {}).items()},
        }
    )
    saved = _read_checkpoint(resume_from, name, made_for)
    seed = (
        saved["seed"]
        if saved is not None
        else int(check_random_state(random_state).randint(np.iinfo(np.int32).max))
    )
    opt = Optimizer(
        dimensions,
        base_estimator=base_estimator,
        n_initial_points=n_initial_points + len(points0),
        initial_point_generator=initial_point_generator,
        n_jobs=n_jobs,
        acq_func=acq_func,
        acq_optimizer=acq_optimizer,
        random_state=np.random.RandomState(seed),
        model_queue_size=model_queue_size,
        space_constraint=space_constraint,
        acq_func_kwargs={"xi": xi, "kappa": kappa},
        acq_optimizer_kwargs={"n_points": n_points, "n_restarts_optimizer": n_restarts_optimizer},
    )
    opt.specs = specs
    run = _Run(opt, name, func, callbacks, verbose, n_calls, n_free, seed, made_for)
    if timeout is not None and math.isfinite(timeout):
        run.deadline = DeadlineStopper(timeout)

    if saved is not None:
        _resume(run, saved, resume_from)
    elif points0:
        if values0 is None:
            values0 = [run.evaluate(p) for p in points0]
        else:
            values0 = [_check_value(v, p) for v, p in zip(values0, points0)]
            finite = [v for v in values0 if np.isfinite(v)]
            run.best = min(finite, default=np.inf)
        if run.after(opt.tell(points0, values0)):
            return opt.get_result()

    while len(opt.yi) - n_free < n_calls:
        if opt.exhausted:
            which = "" if space_constraint is None else " that satisfies space_constraint"
            warnings.warn(
                f"{name}: the search space has only {opt.space.size} points and every one"
                f"{which} was evaluated; stopping after {len(opt.yi) - n_free} of"
                f" {n_calls} calls.",
                UserWarning,
                stacklevel=3,
            )
            break
        x = opt.ask()
        result = opt.tell(x, run.evaluate(x))
        if run.after(result):
            break
    return opt.get_result()


def _warn_skopt_range_lists(dimensions) -> None:
    """Warn once about lists of two numbers, which scikit-optimize read as ranges."""
    if isinstance(dimensions, Space) or not isinstance(dimensions, (list, tuple)):
        return
    found = [(f"dimensions[{i}]", dimensions[i]) for i in skopt_range_lists(dimensions)]
    if found:
        warnings.warn(skopt_range_message(found), UserWarning, stacklevel=4)


def _read_checkpoint(path, name: str, made_for: dict) -> dict | None:
    """The checked contents of ``resume_from``, or None to start anew."""
    if path is None or not os.path.exists(path):
        return None
    where = f"resume_from={os.fspath(path)!r}"
    state = _checkpoint.read(
        path, format=_checkpoint.MINIMIZE_FORMAT, version=_checkpoint.MINIMIZE_VERSION
    )
    if state.get("function") != name:
        raise ValueError(
            f"{where} was written by {state.get('function')!r}, not {name!r}; resume with"
            " the function that wrote it, or delete the file to start anew."
        )
    saved = state.get("made_for")
    if not isinstance(saved, dict):
        raise ValueError(f"{where} is not a valid checkpoint (no 'made_for').")
    differ = sorted(k for k in set(saved) | set(made_for) if saved.get(k) != made_for.get(k))
    if differ:
        shown = "; ".join(
            f"{k} (checkpoint: {_short(saved.get(k))}; now: {_short(made_for.get(k))})"
            for k in differ[:3]
        )
        more = f" and {len(differ) - 3} more" if len(differ) > 3 else ""
        raise ValueError(
            f"{where} was made with other settings: {shown}{more}. Resume with the same"
            " func, settings, x0 and y0, or delete the file to start anew."
        )
    return state


def _short(value, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _resume(run: _Run, state: dict, path) -> None:
    """Tell the checkpoint's evaluations and restore the optimiser's state."""
    opt = run.opt
    where = f"resume_from={os.fspath(path)!r}"
    described = _checkpoint.jsonable(_checkpoint.describe_space(opt.space))
    if state.get("space") != described:
        raise ValueError(
            f"{where} was written for another search space; resume with the same"
            " dimensions, or delete the file to start anew."
        )
    try:
        points = [_checkpoint.decode_point(opt.space, e["point"]) for e in state["evaluations"]]
        values = [float(_checkpoint.unjsonable(e["y"])) for e in state["evaluations"]]
        n_free = int(state["n_free"])
        opt_state = dict(state["optimizer"])
        opt_state["rng"] = _checkpoint.decode_rng(opt_state["rng"]).get_state()
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"{where} is not a valid checkpoint ({exc!r}).") from exc
    if n_free != run.n_free:  # pragma: no cover - made_for compares x0 and y0 first
        raise ValueError(f"{where} was made with another x0 / y0.")
    if len(points) - n_free > run.n_calls:
        raise ValueError(
            f"{where} already holds {len(points) - n_free} calls, more than"
            f" n_calls={run.n_calls}. Resume with n_calls >= {len(points) - n_free}, or"
            " delete the file to start anew."
        )
    if points:
        opt.tell(points, values, fit=False)
    opt._set_state(opt_state)
    run.n_done = len(points) - n_free
    finite = [v for v in values if np.isfinite(v)]
    run.best = min(finite) if finite else np.inf
    if run.verbose:
        print(f"[{run.name}] resumed {len(points)} evaluations from {os.fspath(path)}")
