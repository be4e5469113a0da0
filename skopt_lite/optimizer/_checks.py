"""Checks of the arguments of :class:`~skopt_lite.optimizer.Optimizer`, and their defaults."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .._validation import InvalidParameterError, check_int, check_kwargs, check_real, is_real
from ..space import Categorical, Integer, Real, Space

ACQ_OPTIMIZERS = ("sampling", "lbfgs", "auto")
_ACQ_FUNC_KWARGS = {"xi": 0.01, "kappa": 1.96, "eta": 0.1}
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


def _check_base_estimator(base_estimator):
    if isinstance(base_estimator, str):
        if base_estimator.upper() != "GP":
            raise InvalidParameterError(
                f"base_estimator must be 'GP' or a regressor instance, got"
                f" base_estimator={base_estimator!r}."
            )
        return "GP"
    if isinstance(base_estimator, type) or not (
        callable(getattr(base_estimator, "fit", None))
        and callable(getattr(base_estimator, "predict", None))
    ):
        raise InvalidParameterError(
            "base_estimator must be 'GP' or a regressor instance with fit(X, y) and"
            f" predict(X, return_std=True), got base_estimator={base_estimator!r}."
        )
    return base_estimator


def _check_acq_func_kwargs(kwargs) -> dict:
    out = check_kwargs(kwargs, "acq_func_kwargs", _ACQ_FUNC_KWARGS)
    out["xi"] = check_real(out["xi"], "acq_func_kwargs['xi']")
    out["kappa"] = check_real(out["kappa"], "acq_func_kwargs['kappa']", low=0.0)
    out["eta"] = check_real(out["eta"], "acq_func_kwargs['eta']", low=0.0)
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
