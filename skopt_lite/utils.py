"""Helpers of scikit-optimize's ``skopt.utils`` that scripts call.

* :func:`use_named_args`, :func:`point_asdict`, :func:`point_aslist`,
  :func:`dimensions_aslist`: points as lists or as named values;
* :func:`dump`, :func:`load`: an :class:`~skopt_lite.OptimizeResult` to and
  from a JSON file (scikit-optimize pickled it);
* :func:`expected_minimum`, :func:`expected_minimum_random_sampling`: the
  minimum of the last surrogate;
* :func:`cook_estimator`, :func:`cook_initial_point_generator`,
  :func:`normalize_dimensions`, :func:`create_result`, :func:`eval_callbacks`,
  :func:`check_x_in_space`: the building blocks of the minimize functions.
"""

from __future__ import annotations

import json
import math
import os
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from functools import wraps

import numpy as np
from sklearn.base import clone
from sklearn.utils import check_random_state

from . import _checkpoint
from ._validation import InvalidParameterError, check_int, check_path, is_real
from .learning import TREE_ESTIMATORS, default_estimator
from .optimizer import OptimizeResult
from .optimizer._encoding import SpaceEncoder
from .optimizer.acquisition import SurrogateView, refine
from .optimizer.gp import GaussianProcess
from .optimizer.targets import values_of_targets
from .sampler import Grid, Halton, Hammersly, InitialPointGenerator, Lhs, Sobol
from .space import Categorical, Dimension, Space

__all__ = [
    "check_x_in_space",
    "cook_estimator",
    "cook_initial_point_generator",
    "create_result",
    "dimensions_aslist",
    "dump",
    "eval_callbacks",
    "expected_minimum",
    "expected_minimum_random_sampling",
    "load",
    "normalize_dimensions",
    "point_asdict",
    "point_aslist",
    "use_named_args",
]

_DUMP_FORMAT = "skopt_lite.OptimizeResult"
_DUMP_VERSION = 1


# -- named points ---------------------------------------------------------------------
def use_named_args(dimensions) -> Callable:
    """Decorator: let a function of keyword arguments take a point as a list.

    The minimize functions call ``func(x)`` with ``x`` a list of values in the
    order of ``dimensions``; decorated, ``func`` is called as
    ``func(name_1=x[0], name_2=x[1], ...)``.

    Parameters
    ----------
    dimensions : list of Dimension or Space
        Every dimension must have a name.

    Returns
    -------
    decorator : callable

    Examples
    --------
    >>> from skopt_lite.space import Real, Integer
    >>> from skopt_lite.utils import use_named_args
    >>> space = [Real(0.0, 1.0, name="x"), Integer(1, 5, name="k")]
    >>> @use_named_args(space)
    ... def objective(x, k):
    ...     return x * k
    >>> objective([0.5, 4])
    2.0
    """
    dims = list(dimensions.dimensions if isinstance(dimensions, Space) else dimensions)
    wrong = [d for d in dims if not isinstance(d, Dimension)]
    if wrong:
        raise InvalidParameterError(
            "dimensions must be a list of Dimension objects (Real, Integer, Categorical),"
            f" got {wrong[0]!r} in dimensions={dimensions!r}."
        )
    unnamed = [d for d in dims if d.name is None]
    if unnamed:
        raise InvalidParameterError(
            f"use_named_args needs every dimension to have a name, got {unnamed[0]!r}."
            " Pass name=... to each dimension."
        )
    names = [d.name for d in dims]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise InvalidParameterError(
            f"use_named_args needs distinct dimension names; {repeated} repeat."
        )

    def decorator(func: Callable) -> Callable:
        @wraps(func)
        def wrapper(x):
            if len(x) != len(names):
                raise ValueError(
                    f"The point has {len(x)} values, but the space has {len(names)}"
                    f" dimensions ({names}); got x={x!r}."
                )
            return func(**dict(zip(names, x)))

        return wrapper

    return decorator


def dimensions_aslist(search_space: Mapping) -> list:
    """The dimensions of a dict space, ordered by sorted name.

    Parameters
    ----------
    search_space : dict
        Name to dimension.

    Returns
    -------
    dimensions : list
    """
    return [search_space[k] for k in sorted(search_space)]


def point_asdict(search_space: Mapping, point_as_list: Sequence) -> OrderedDict:
    """A point as a dict ``{name: value}``, names in sorted order.

    Parameters
    ----------
    search_space : dict
        Name to dimension; the point's values follow the sorted names.
    point_as_list : list
        The values.

    Returns
    -------
    point : OrderedDict

    Examples
    --------
    >>> from skopt_lite.space import Real, Integer
    >>> dict(point_asdict({"b": Integer(2, 4), "a": Real(0, 1)}, [0.5, 3]))
    {'a': 0.5, 'b': 3}
    """
    return OrderedDict(zip(sorted(search_space), point_as_list))


def point_aslist(search_space: Mapping, point_as_dict: Mapping) -> list:
    """A point ``{name: value}`` as the list of its values, in sorted name order.

    Parameters
    ----------
    search_space : dict
        Name to dimension.
    point_as_dict : dict
        Name to value.

    Returns
    -------
    point : list

    Examples
    --------
    >>> from skopt_lite.space import Real, Integer
    >>> point_aslist({"b": Integer(2, 4), "a": Real(0, 1)}, {"a": 0.5, "b": 3})
    [0.5, 3]
    """
    return [point_as_dict[k] for k in sorted(search_space)]


# -- the building blocks of the minimize functions -----------------------------------------
def normalize_dimensions(dimensions) -> Space:
    """The :class:`~skopt_lite.space.Space` of ``dimensions``.

    scikit-optimize set every dimension's transform to the unit interval for
    its Gaussian process; skopt_lite's surrogates always work on the unit
    cube, so this only builds the space (tuples read as ranges).

    Parameters
    ----------
    dimensions : Space or list

    Returns
    -------
    space : Space
    """
    if isinstance(dimensions, Space):
        return dimensions
    return Space(dimensions, tuple_is_range=True)


def check_x_in_space(x, space: Space) -> None:
    """Raise a ValueError unless ``x`` (one point or a list of points) lies in ``space``.

    Parameters
    ----------
    x : list or list of lists
    space : Space
    """
    points = x if len(x) and isinstance(x[0], (list, tuple, np.ndarray)) else [x]
    for point in points:
        if len(point) != space.n_dims:
            raise ValueError(
                f"The point {list(point)!r} has {len(point)} values, but the space has"
                f" {space.n_dims} dimensions."
            )
        if point not in space:
            raise ValueError(f"The point {list(point)!r} is not in the space {space!r}.")


def create_result(Xi, yi, space=None, rng=None, specs=None, models=None) -> OptimizeResult:
    """An :class:`~skopt_lite.OptimizeResult` of evaluated points.

    Parameters
    ----------
    Xi : list of lists
        The points.
    yi : array-like of shape (n,)
        Their values (nan or inf for failures).
    space : Space or None, default=None
    rng : RandomState or None, default=None
    specs : dict or None, default=None
    models : list or None, default=None

    Returns
    -------
    result : OptimizeResult
        ``x`` and ``fun`` are the best finite value and its point (None and
        nan when there is none).
    """
    func_vals = np.asarray(yi, dtype=float).reshape(-1)
    finite = np.flatnonzero(np.isfinite(func_vals))
    x, fun = None, float("nan")
    if len(finite):
        best = int(finite[np.argmin(func_vals[finite])])
        x, fun = list(Xi[best]), float(func_vals[best])
    return OptimizeResult(
        x=x,
        fun=fun,
        func_vals=func_vals,
        x_iters=[list(p) for p in Xi],
        models=list(models or []),
        space=space,
        random_state=rng,
        specs=specs,
    )


def eval_callbacks(callbacks, result) -> bool:
    """Call every callback on ``result``; True if any returned True.

    Parameters
    ----------
    callbacks : list of callables or None
    result : OptimizeResult

    Returns
    -------
    stop : bool
    """
    stop = False
    for callback in callbacks or []:
        stop = bool(callback(result)) or stop
    return stop


def cook_estimator(base_estimator, space=None, **kwargs):
    """The surrogate that a ``base_estimator`` name stands for.

    Parameters
    ----------
    base_estimator : {"GP", "RF", "ET", "GBRT", "DUMMY"} or regressor
        A name (any case) or a regressor, returned as a clone.
    space : Space or None, default=None
        Accepted for scikit-optimize compatibility (its GP kernel was built
        for the space); skopt_lite's GP needs no space.
    **kwargs
        Parameters set on the estimator. For ``"GP"``: ``random_state``, and
        ``noise`` (``"gaussian"``, or a float fixing the noise variance
        relative to the targets' variance); ``n_jobs`` is dropped where the
        estimator has none.

    Returns
    -------
    estimator : regressor or None
        :class:`~skopt_lite.optimizer.gp.GaussianProcess` for ``"GP"``, the
        trees of :func:`skopt_lite.learning.default_estimator`, None for
        ``"DUMMY"`` (random sampling).
    """
    if isinstance(base_estimator, str):
        name = base_estimator.upper()
        if name == "DUMMY":
            return None
        if name == "GP":
            noise = kwargs.pop("noise", "gaussian")
            kwargs.pop("n_jobs", None)
            gp_kwargs = {k: kwargs.pop(k) for k in list(kwargs) if k in ("random_state",)}
            if kwargs:
                raise InvalidParameterError(
                    f"cook_estimator('GP') takes random_state and noise, got {sorted(kwargs)}."
                )
            if is_real(noise):
                level = max(float(noise), 1e-6)
                gp_kwargs["noise_bounds"] = (level, level)
            elif noise != "gaussian":
                raise InvalidParameterError(
                    f"noise must be 'gaussian' or a number, got noise={noise!r}."
                )
            return GaussianProcess(**gp_kwargs)
        if name not in TREE_ESTIMATORS:
            raise InvalidParameterError(
                "base_estimator must be one of ('GP', 'RF', 'ET', 'GBRT', 'DUMMY') or a"
                f" regressor, got base_estimator={base_estimator!r}."
            )
        estimator = default_estimator(name)
    elif callable(getattr(base_estimator, "fit", None)) and not isinstance(base_estimator, type):
        estimator = clone(base_estimator)
    else:
        raise InvalidParameterError(
            f"base_estimator must be a name or a regressor, got base_estimator={base_estimator!r}."
        )
    if "n_jobs" in kwargs and "n_jobs" not in estimator.get_params():
        kwargs.pop("n_jobs")
    return estimator.set_params(**kwargs)


_GENERATORS = {"sobol": Sobol, "halton": Halton, "hammersly": Hammersly, "lhs": Lhs, "grid": Grid}


def cook_initial_point_generator(generator, **kwargs) -> InitialPointGenerator | None:
    """The initial point generator a name stands for.

    Parameters
    ----------
    generator : {"random", "sobol", "halton", "hammersly", "lhs", "grid"}, generator or None
        A name (any case) or an instance of :mod:`skopt_lite.sampler`.
    **kwargs
        Parameters set on the generator.

    Returns
    -------
    generator : InitialPointGenerator or None
        None for ``"random"`` (or None): points drawn by the priors.
    """
    if generator is None:
        return None
    if isinstance(generator, str):
        name = generator.lower()
        if name == "random":
            return None
        if name not in _GENERATORS:
            raise InvalidParameterError(
                f"generator must be one of {('random', *_GENERATORS)} or an"
                f" InitialPointGenerator, got generator={generator!r}."
            )
        generator = _GENERATORS[name]()
    elif not isinstance(generator, InitialPointGenerator):
        raise InvalidParameterError(
            f"generator must be a name or an InitialPointGenerator, got generator={generator!r}."
        )
    return generator.set_params(**kwargs)


# -- the minimum of the surrogate -------------------------------------------------------------
def _last_model(res):
    models = list(getattr(res, "models", None) or [])
    if not models:
        raise ValueError(
            "The result has no fitted surrogate (models is empty): it needs at least"
            " n_initial_points evaluations, and dummy_minimize fits none."
        )
    model = models[-1]
    func_vals = np.asarray(res.func_vals, dtype=float)
    n_seen = len(func_vals)
    train = getattr(model, "X_train_", None)
    if train is not None and 0 < len(train) <= n_seen:
        n_seen = len(train)
    # The optimiser fits its surrogate on transformed targets (failures
    # penalised, standardised, power-transformed): map its outputs back.
    seen = func_vals[:n_seen]
    return model, lambda pred: values_of_targets(pred, seen)


def expected_minimum_random_sampling(
    res, n_random_starts: int = 100000, random_state=None
) -> tuple[list, float]:
    """The point of lowest predicted mean among random samples of the space.

    Parameters
    ----------
    res : OptimizeResult
        With at least one fitted surrogate in ``models`` (the last is used).
    n_random_starts : int, default=100000
        Points drawn by the priors.
    random_state : int, RandomState instance or None, default=None

    Returns
    -------
    x : list
        The point.
    fun : float
        The surrogate's mean there, in the units of ``func_vals``.
    """
    n = check_int(n_random_starts, "n_random_starts", low=1)
    model, to_units = _last_model(res)
    encoder = SpaceEncoder(res.space)
    U = encoder.sample(n, check_random_state(random_state))
    pred = _predict(model, encoder, U)
    best = int(np.argmin(pred))
    return encoder.to_points(U[best : best + 1])[0], float(to_units(pred[best : best + 1])[0])


def expected_minimum(res, n_random_starts: int = 20, random_state=None) -> tuple[list, float]:
    """The minimum of the last surrogate's mean over the space.

    The best of 10000 random points (more for spaces with categories), the
    ``n_random_starts`` best of them and ``res.x`` are refined by L-BFGS-B
    along their ``Real`` coordinates (the others held fixed).

    Parameters
    ----------
    res : OptimizeResult
        With at least one fitted surrogate in ``models`` (the last is used).
    n_random_starts : int, default=20
        Starting points refined.
    random_state : int, RandomState instance or None, default=None

    Returns
    -------
    x : list
        Where the predicted mean is lowest.
    fun : float
        The mean there, in the units of ``func_vals``. It predicts, and may
        differ from, the objective's value.
    """
    n_starts = check_int(n_random_starts, "n_random_starts", low=0)
    model, to_units = _last_model(res)
    encoder = SpaceEncoder(res.space)
    rng = check_random_state(random_state)
    n_samples = 100000 if any(isinstance(d, Categorical) for d in encoder.dims) else 10000
    U = encoder.sample(n_samples, rng)
    if res.x is not None:
        U = np.vstack([encoder.to_unit([res.x]), U])
    pred = _predict(model, encoder, U)
    order = np.argsort(pred, kind="stable")[: max(n_starts, 1)]
    if res.x is not None and 0 not in order:
        order = np.concatenate([[0], order])
    starts = U[order]
    values = pred[order]
    if len(encoder.real_dims):
        view = SurrogateView(model)
        Z, util = refine(
            view,
            encoder.encode(starts, valid=True),
            encoder.real_features,
            "LCB",
            y_best=0.0,
            xi=0.0,
            kappa=0.0,
            maxiter=50,
        )
        starts = starts.copy()
        starts[:, encoder.real_dims] = Z[:, encoder.real_features]
        values = -util  # the LCB utility with kappa=0 is -mean
    best = int(np.argmin(values))
    fun = float(to_units(values[best : best + 1])[0])
    return encoder.to_points(starts[best : best + 1])[0], fun


def _predict(model, encoder: SpaceEncoder, U: np.ndarray) -> np.ndarray:
    out = np.empty(len(U))
    for start in range(0, len(U), 4096):
        Z = encoder.encode(U[start : start + 4096], valid=True)
        out[start : start + 4096] = np.asarray(model.predict(Z), dtype=float).reshape(-1)
    return out


# -- dump and load ------------------------------------------------------------------------------
def dump(res, filename, store_objective: bool = True, **kwargs) -> None:
    """Write an :class:`~skopt_lite.OptimizeResult` to a JSON file.

    Saved: ``x``, ``fun``, ``x_iters``, ``func_vals``, the space, ``specs``
    (each argument described: numbers and strings as they are, functions by
    module and name, other objects by their ``repr``) and the state of
    ``random_state``. The fitted ``models`` are not saved (a JSON file cannot
    hold them safely); :func:`load` gives an empty list. Unlike
    scikit-optimize's pickle, loading runs no code.

    Parameters
    ----------
    res : OptimizeResult
        From the minimize functions, :meth:`Optimizer.get_result
        <skopt_lite.Optimizer.get_result>` or ``BayesSearchCV.optimizer_results_``.
    filename : str or path-like
        The file to write (replaced atomically).
    store_objective : bool, default=True
        Whether ``specs["args"]["func"]`` is described in the file.
    **kwargs
        Accepted for scikit-optimize compatibility (its ``joblib.dump``
        options, such as ``compress``) and ignored.

    Raises
    ------
    TypeError
        If ``res`` is not a result with ``x_iters``, ``func_vals`` and
        ``space``, or a category of the space is not a JSON value (a string,
        number, bool, None or a tuple of these): such a space cannot be
        rebuilt from JSON.
    """
    check_path(filename, "filename")
    missing = [k for k in ("x_iters", "func_vals", "space") if not hasattr(res, k)]
    if missing or not isinstance(res.space, Space):
        raise TypeError(
            f"dump saves an OptimizeResult (with x_iters, func_vals and a Space); got a"
            f" {type(res).__name__} without {missing or ['a Space']}."
        )
    space = res.space
    specs = getattr(res, "specs", None)
    if isinstance(specs, Mapping):
        args = dict(specs.get("args") or {})
        if not store_objective:
            args.pop("func", None)
        specs = {
            "function": str(specs.get("function")),
            "args": {str(k): _describe(v) for k, v in args.items()},
        }
    else:
        specs = None
    rng = getattr(res, "random_state", None)
    state = {
        "format": _DUMP_FORMAT,
        "version": _DUMP_VERSION,
        "space": [_checkpoint.dimension_to_json(d) for d in space.dimensions],
        "x_iters": [_checkpoint.encode_point(space, list(p)) for p in res.x_iters],
        "func_vals": _checkpoint.jsonable(np.asarray(res.func_vals, dtype=float)),
        "specs": specs,
        "random_state": (
            _checkpoint.encode_rng(rng) if isinstance(rng, np.random.RandomState) else None
        ),
    }
    _checkpoint.write(filename, state)


def load(filename, **kwargs) -> OptimizeResult:
    """Read an :class:`~skopt_lite.OptimizeResult` written by :func:`dump`.

    Parameters
    ----------
    filename : str or path-like
    **kwargs
        Accepted for scikit-optimize compatibility (``joblib.load`` options)
        and ignored.

    Returns
    -------
    result : OptimizeResult
        ``x``, ``fun``, ``x_iters``, ``func_vals``, ``space``, ``specs`` (the
        arguments as :func:`dump` described them), ``random_state`` and
        ``models`` (empty: models are not saved).

    Raises
    ------
    ValueError
        If the file is not a result written by :func:`dump` (a pickle from
        scikit-optimize's ``dump`` included).
    """
    path = os.fspath(check_path(filename, "filename"))
    try:
        with open(path, encoding="utf-8") as f:
            state = json.load(f)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(
            f"{path!r} is not a result written by skopt_lite.utils.dump (not JSON: {exc})."
            " Files pickled by scikit-optimize's dump cannot be read."
        ) from exc
    if isinstance(state, dict) and state.get("format") == _checkpoint.MINIMIZE_FORMAT:
        return _result_of_checkpoint(path)
    if not isinstance(state, dict) or state.get("format") != _DUMP_FORMAT:
        raise ValueError(
            f"{path!r} is not a result written by skopt_lite.utils.dump or by a"
            " CheckpointSaver of a minimize function."
        )
    if state.get("version") != _DUMP_VERSION:
        raise ValueError(
            f"{path!r} has format version {state.get('version')!r}; this skopt_lite reads"
            f" version {_DUMP_VERSION}."
        )
    try:
        space = Space([_checkpoint.dimension_from_json(d) for d in state["space"]])
        x_iters = [_checkpoint.decode_point(space, p) for p in state["x_iters"]]
        func_vals = np.asarray(_checkpoint.unjsonable(state["func_vals"]), dtype=float)
        rng = state.get("random_state")
        rng = None if rng is None else _checkpoint.decode_rng(rng)
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        raise ValueError(f"{path!r} is not a valid dump ({exc!r}).") from exc
    return create_result(x_iters, func_vals, space=space, rng=rng, specs=state.get("specs"))


def _result_of_checkpoint(path: str) -> OptimizeResult:
    """The result a minimize function's checkpoint holds (as scikit-optimize's CheckpointSaver)."""
    state = _checkpoint.read(
        path, format=_checkpoint.MINIMIZE_FORMAT, version=_checkpoint.MINIMIZE_VERSION
    )
    if state.get("dimensions") is None:
        raise ValueError(
            f"{path!r} is a checkpoint whose space cannot be rebuilt from JSON (a category"
            " is not a string, number, bool, None or tuple of these); resume it with"
            " resume_from= and the same dimensions instead."
        )
    try:
        space = Space([_checkpoint.dimension_from_json(d) for d in state["dimensions"]])
        evaluations = state["evaluations"]
        x_iters = [_checkpoint.decode_point(space, e["point"]) for e in evaluations]
        func_vals = [float(_checkpoint.unjsonable(e["y"])) for e in evaluations]
        rng = _checkpoint.decode_rng(state["optimizer"]["rng"])
        args = dict(state["made_for"])
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"{path!r} is not a valid checkpoint ({exc!r}).") from exc
    specs = {"function": state.get("function"), "args": args}
    return create_result(x_iters, func_vals, space=space, rng=rng, specs=specs)


def _describe(value):
    """A JSON description of an argument value (see :func:`_checkpoint.describe_value`)."""
    if isinstance(value, (list, tuple)):
        return [_describe(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    return _checkpoint.describe_value(value)
