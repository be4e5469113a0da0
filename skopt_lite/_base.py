"""What the search estimators share: reading the user's space, and their docstrings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from .space import Dimension, Space

# sklearn's common parameters, in the order its searches list them; each search
# repeats them explicitly in ``__init__`` so that ``get_params``/``clone`` see them.
_COMMON_DOC = """
    scoring : str, callable, list, tuple or dict, default=None
        How candidates are scored, as in :class:`sklearn.model_selection.GridSearchCV`.
        A list, tuple or dict means several metrics; ``refit`` then names the
        one that picks ``best_params_``.
    n_jobs : int, default=None
        Number of jobs run in parallel; ``-1`` means all processors.
    refit : bool, str or callable, default=True
        Refit the best estimator on the whole data set.
    cv : int, cross-validation generator or iterable, default=None
        Splitting strategy, as in scikit-learn (5-fold by default).
    verbose : int, default=0
        Verbosity; scikit-learn's messages.
    pre_dispatch : int or str, default="2*n_jobs"
        Number of jobs dispatched during parallel execution.
    error_score : "raise" or float, default=np.nan
        Score given to a failed fit; ``"raise"`` raises the error instead.
    return_train_score : bool, default=False
        Whether ``cv_results_`` includes training scores."""

_ATTRIBUTES_DOC = """
    cv_results_ : dict of numpy (masked) ndarrays
        One entry per candidate, as in scikit-learn; ``params`` holds the
        candidates as dicts of native Python values (NumPy scalars only where a
        dimension's ``dtype`` asks for them).
    best_estimator_ : estimator
        The estimator refit on the whole data with ``best_params_`` (when
        ``refit`` is not False).
    best_score_ : float
        Mean cross-validated score of the best candidate.
    best_params_ : dict
        Parameters of the best candidate.
    best_index_ : int
        Index of the best candidate in ``cv_results_``.
    scorer_ : function or dict
        The scorer(s) used.
    n_splits_ : int
        Number of cross-validation splits.
    refit_time_ : float
        Seconds taken to refit the best estimator.
    multimetric_ : bool
        Whether several metrics were used."""


def as_subspaces(
    spaces,
    param: str,
    *,
    tuple_is_range: bool = False,
    allow_distributions: bool = False,
) -> list[Space]:
    """Read a dict, or a list of dicts (a union of subspaces), into Spaces.

    Parameters
    ----------
    spaces : dict or list of dict
        The user's search space.
    param : str
        Name of the estimator parameter that holds it, for error messages.
    tuple_is_range, allow_distributions : bool
        How plain values are read; see :func:`skopt_lite.space.check_dimension`.

    Returns
    -------
    subspaces : list of Space, in the user's order
    """
    kw = dict(tuple_is_range=tuple_is_range, allow_distributions=allow_distributions)
    if isinstance(spaces, Mapping):
        return [Space(spaces, **kw)]
    if isinstance(spaces, (list, tuple)):
        if len(spaces) == 0:
            raise ValueError(f"{param} is an empty list; give at least one dict of parameters.")
        out = []
        for i, sub in enumerate(spaces):
            if not isinstance(sub, Mapping):
                raise TypeError(
                    f"{param}[{i}] must be a dict of parameter names to values, got"
                    f" {sub!r} of type {type(sub).__name__}."
                )
            out.append(Space(sub, **kw))
        return out
    raise TypeError(
        f"{param} must be a dict or a list of dicts, got {spaces!r} of type"
        f" {type(spaces).__name__}."
    )


def _grid_value_error(key, value) -> Exception | None:
    """scikit-learn's ``ParameterGrid`` error for the plain value of ``key``, or None."""
    if isinstance(value, np.ndarray) and value.ndim > 1:
        return ValueError(
            f"Parameter array for {key!r} should be one-dimensional, got:"
            f" {value!r} with shape {value.shape}"
        )
    if isinstance(value, str) or not isinstance(value, (np.ndarray, Sequence)):
        return TypeError(
            f"Parameter grid for parameter {key!r} needs to be a list or a"
            f" numpy array, but got {value!r} (of type {type(value).__name__})"
            " instead. Single values need to be wrapped in a list with one element."
        )
    if getattr(value, "ndim", 1) == 1 and len(value) == 0:
        return ValueError(
            f"Parameter grid for parameter {key!r} need to be a non-empty sequence,"
            f" got: {value!r}"
        )
    return None


def check_plain_values(spaces, *, allow_distributions: bool = False) -> None:
    """Raise scikit-learn's errors for plain values scikit-learn's searches refuse.

    The drop-ins refuse what ``sklearn.model_selection.ParameterGrid`` (and,
    with ``allow_distributions``, ``ParameterSampler``) refuses, with the same
    exception type and message: a string or a single value instead of a list
    of values, an empty list, an array that is not one-dimensional. Other
    values -- skopt_lite's dimensions, scipy.stats distributions, and dicts
    or lists that are malformed as a whole -- are left to :func:`as_subspaces`.

    Parameters
    ----------
    spaces : dict or list of dict
        The user's ``param_grid`` or ``param_distributions``.
    allow_distributions : bool, default=False
        Whether the search samples distributions (``RandomSearchCV``); a value
        that is neither iterable nor a distribution then gets
        ``ParameterSampler``'s error.

    Raises
    ------
    TypeError, ValueError
        scikit-learn's error for the first bad value, in the user's order.
    """
    grids = [spaces] if isinstance(spaces, Mapping) else spaces
    if not isinstance(grids, (list, tuple)):
        return
    for grid in grids:
        if not isinstance(grid, Mapping):
            continue
        for key, value in grid.items():
            if isinstance(value, Dimension) or (
                hasattr(value, "rvs") and not isinstance(value, (Sequence, np.ndarray))
            ):
                continue
            if allow_distributions and not isinstance(value, Iterable):
                raise TypeError(
                    f"Parameter grid for parameter {key!r} is not iterable or a"
                    f" distribution (value={value})"
                )
            error = _grid_value_error(key, value)
            if error is not None:
                raise error
