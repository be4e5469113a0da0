"""Checks of the arguments of :class:`~skopt_lite.optimizer.Optimizer`, and their defaults."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .._validation import (
    InvalidParameterError,
    check_int,
    check_kwargs,
    check_real,
    is_int,
    is_real,
)
from ..learning import TREE_ESTIMATORS
from ..space import Categorical, Integer, Real, Space

ACQ_OPTIMIZERS = ("sampling", "lbfgs", "auto")
_ACQ_FUNC_KWARGS = {"xi": 0.01, "kappa": 1.96, "eta": 0.1, "n_min_samples": 1000}
_ACQ_OPTIMIZER_KWARGS = {"n_points": 2000, "n_restarts_optimizer": 5}
# Accepted for scikit-optimize compatibility and ignored.
_IGNORED_ACQ_OPTIMIZER_KWARGS = ("n_jobs",)


def _check_space(dimensions) -> Space:
    if isinstance(dimensions, Space):
        space = dimensions
    elif isinstance(dimensions, (str, bytes)) or not isinstance(
        dimensions, (Sequence, Mapping, np.ndarray)
    ):
        raise InvalidParameterError(
            f"dimensions must be a Space or a list of dimensions, got dimensions={dimensions!r}."
        )
    else:
        try:
            space = Space(dimensions, tuple_is_range=True)
        except (TypeError, ValueError) as exc:
            raise type(exc)(f"Invalid dimensions={dimensions!r}: {exc}") from exc
    if space.n_dims == 0:
        raise InvalidParameterError(f"dimensions must not be empty, got dimensions={dimensions!r}.")
    for dim in space.dimensions:
        if not isinstance(dim, (Real, Integer, Categorical)):
            raise InvalidParameterError(
                f"dimensions: {dim!r} cannot be optimised; use Real, Integer or Categorical."
            )
        # Equal categories cannot be told apart once proposed: the optimiser
        # would propose the same point again and again.
        twins = dim._duplicate() if isinstance(dim, Categorical) else None
        if twins is not None:
            j, i = twins
            where = f"Categorical dimension {dim.name!r}" if dim.name is not None else repr(dim)
            raise InvalidParameterError(
                f"{where}: category {dim.categories[i]!r} at"
                f" position {i} repeats the one at position {j}; the categories of an"
                " optimised dimension must be distinct."
            )
    return space


# The names base_estimator accepts (any case): our GP, the tree ensembles, random sampling.
BASE_ESTIMATORS = ("GP", *TREE_ESTIMATORS, "DUMMY")


def _check_base_estimator(base_estimator):
    """The upper-case name of a base_estimator string, or the regressor instance."""
    if isinstance(base_estimator, str):
        if base_estimator.upper() not in BASE_ESTIMATORS:
            raise InvalidParameterError(
                f"base_estimator must be one of {BASE_ESTIMATORS} (any case) or a"
                f" regressor instance, got base_estimator={base_estimator!r}."
            )
        return base_estimator.upper()
    if isinstance(base_estimator, type) or not (
        callable(getattr(base_estimator, "fit", None))
        and callable(getattr(base_estimator, "predict", None))
    ):
        raise InvalidParameterError(
            f"base_estimator must be one of {BASE_ESTIMATORS} or a regressor instance with"
            f" fit(X, y) and predict(X, return_std=True), got base_estimator={base_estimator!r}."
        )
    return base_estimator


def _check_n_jobs(n_jobs):
    if n_jobs is not None and (not is_int(n_jobs) or n_jobs == 0):
        raise InvalidParameterError(
            f"n_jobs must be None or a non-zero integer (-1 for all cores), got n_jobs={n_jobs!r}."
        )
    return None if n_jobs is None else int(n_jobs)


def _check_model_queue_size(model_queue_size):
    if model_queue_size is None:
        return None
    return check_int(model_queue_size, "model_queue_size", low=1)


def _check_space_constraint(space_constraint):
    if space_constraint is not None and not callable(space_constraint):
        raise InvalidParameterError(
            "space_constraint must be None or a callable taking a point and returning"
            f" True where it may be proposed, got space_constraint={space_constraint!r}."
        )
    return space_constraint


def _check_acq_func_kwargs(kwargs) -> dict:
    out = check_kwargs(kwargs, "acq_func_kwargs", _ACQ_FUNC_KWARGS)
    out["xi"] = check_real(out["xi"], "acq_func_kwargs['xi']")
    out["kappa"] = check_real(out["kappa"], "acq_func_kwargs['kappa']", low=0.0)
    out["eta"] = check_real(out["eta"], "acq_func_kwargs['eta']", low=0.0)
    out["n_min_samples"] = check_int(
        out["n_min_samples"], "acq_func_kwargs['n_min_samples']", low=1
    )
    return out


def _check_acq_optimizer_kwargs(kwargs) -> dict:
    out = check_kwargs(
        kwargs, "acq_optimizer_kwargs", _ACQ_OPTIMIZER_KWARGS, _IGNORED_ACQ_OPTIMIZER_KWARGS
    )
    out["n_points"] = check_int(out["n_points"], "acq_optimizer_kwargs['n_points']", low=1)
    out["n_restarts_optimizer"] = check_int(
        out["n_restarts_optimizer"], "acq_optimizer_kwargs['n_restarts_optimizer']", low=0
    )
    return out


def _is_array(value) -> bool:
    return isinstance(value, np.ndarray)


def _is_scalar(value) -> bool:
    if isinstance(value, np.ndarray):
        return value.ndim == 0
    return not isinstance(value, (Sequence, np.ndarray)) or isinstance(value, (str, bytes))


def _check_value(value) -> float:
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if not is_real(value):
        raise InvalidParameterError(f"y must hold numbers (nan for a failure), got {value!r}.")
    return float(value)
