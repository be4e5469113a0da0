"""Checks of user arguments: one error class and one message format.

Every checker returns the checked value (as a native Python object) or raises
:class:`InvalidParameterError` with a message that names the parameter, shows
the bad value and says what is expected::

    {name} must be <what is expected>, got {name}={value!r}.

This module imports nothing of skopt_lite and nothing of scikit-learn, so that
every module of the package (the search space included) can use it.
"""

from __future__ import annotations

import math
import numbers
import os
from collections.abc import Mapping
from typing import Any

__all__ = [
    "InvalidParameterError",
    "check_choice",
    "check_int",
    "check_kwargs",
    "check_path",
    "check_real",
    "is_int",
    "is_real",
]


class InvalidParameterError(ValueError, TypeError):
    """An argument of the wrong type or with a wrong value.

    Both a :class:`ValueError` and a :class:`TypeError`, as scikit-learn's
    ``InvalidParameterError``: code that catches either keeps working, whichever
    of the two a check used to raise.
    """


def is_int(value: Any) -> bool:
    """Whether ``value`` is an integer (Python or NumPy), not a bool."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def is_real(value: Any) -> bool:
    """Whether ``value`` is a real number (Python or NumPy, nan and inf too), not a bool."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _fail(name: str, what: str, value: Any) -> InvalidParameterError:
    return InvalidParameterError(f"{name} must be {what}, got {name}={value!r}.")


def check_int(value: Any, name: str, *, low: int | None = None) -> int:
    """Check that ``value`` is an integer, at least ``low``.

    Parameters
    ----------
    value : object
        The argument.
    name : str
        Its name in error messages.
    low : int or None, default=None
        Smallest accepted value; None for no bound.

    Returns
    -------
    value : int
        ``value`` as a Python int.

    Raises
    ------
    InvalidParameterError
        For a bool, a non-integer (``2.0`` included) or a value below ``low``.
    """
    if not is_int(value) or (low is not None and value < low):
        raise _fail(name, "an integer" + ("" if low is None else f" >= {low}"), value)
    return int(value)


def check_real(
    value: Any,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    include_low: bool = True,
    finite: bool = True,
) -> float:
    """Check that ``value`` is a real number in a range.

    Parameters
    ----------
    value : object
        The argument.
    name : str
        Its name in error messages.
    low, high : float or None, default=None
        Bounds; None for no bound. ``high`` is included.
    include_low : bool, default=True
        Whether ``low`` itself is accepted.
    finite : bool, default=True
        Refuse ``inf`` and ``-inf``. nan is always refused.

    Returns
    -------
    value : float
        ``value`` as a Python float.

    Raises
    ------
    InvalidParameterError
        For a bool, a non-number, nan, an infinite value (unless
        ``finite=False``) or a value out of range.
    """
    what = "a finite number" if finite else "a number"
    if low is not None and high is not None:
        what += f" in {'[' if include_low else '('}{low}, {high}]"
    elif low is not None:
        what += f" {'>=' if include_low else '>'} {low}"
    elif high is not None:
        what += f" <= {high}"
    if not is_real(value):
        raise _fail(name, what, value)
    try:
        x = float(value)
    except OverflowError:  # an int beyond the largest float
        x = math.inf if value > 0 else -math.inf
    if (
        math.isnan(x)
        or (finite and math.isinf(x))
        or (low is not None and not (x >= low if include_low else x > low))
        or (high is not None and not x <= high)
    ):
        raise _fail(name, what, value)
    return x


def check_choice(value: Any, name: str, choices: tuple[str, ...]) -> str:
    """Check that ``value`` is one of the strings ``choices``.

    Parameters
    ----------
    value : object
        The argument.
    name : str
        Its name in error messages.
    choices : tuple of str
        The accepted values.

    Returns
    -------
    value : str

    Raises
    ------
    InvalidParameterError
        For anything else (a non-string too, even if it compares equal).
    """
    if not isinstance(value, str) or value not in choices:
        raise _fail(name, f"one of {choices}", value)
    return str(value)


def check_kwargs(kwargs: Any, name: str, defaults: Mapping, ignored: tuple = ()) -> dict:
    """Check a dict of settings against the accepted keys, and fill in the defaults.

    Parameters
    ----------
    kwargs : dict or None
        The argument; None for all defaults.
    name : str
        Its name in error messages.
    defaults : mapping
        Every accepted key and its default. Never modified.
    ignored : tuple, default=()
        Keys accepted (for compatibility) and dropped.

    Returns
    -------
    settings : dict
        A new dict: ``defaults`` updated with ``kwargs``, without the ignored keys.
        The values are not checked.

    Raises
    ------
    InvalidParameterError
        If ``kwargs`` is not a mapping or None, or has keys not in ``defaults``
        nor in ``ignored``.
    """
    if kwargs is None:
        return dict(defaults)
    if not isinstance(kwargs, Mapping):
        raise _fail(name, "a dict or None", kwargs)
    unknown = sorted(set(kwargs) - set(defaults) - set(ignored), key=str)
    if unknown:
        raise InvalidParameterError(
            f"{name} has unknown keys {unknown}; accepted keys are {sorted(defaults)}."
        )
    out = dict(defaults)
    out.update({k: v for k, v in kwargs.items() if k in defaults})
    return out


def check_path(value: Any, name: str) -> str | os.PathLike:
    """Check that ``value`` is a file system path: a str or an ``os.PathLike``.

    Only the type is checked, not the file system.

    Parameters
    ----------
    value : object
        The argument.
    name : str
        Its name in error messages.

    Returns
    -------
    value : str or os.PathLike
        ``value`` unchanged.

    Raises
    ------
    InvalidParameterError
        For anything else (bytes included).
    """
    if not isinstance(value, (str, os.PathLike)):
        raise _fail(name, "a path (a str or a pathlib.Path)", value)
    return value
