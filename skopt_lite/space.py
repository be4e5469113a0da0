"""Search spaces: the dimensions a search explores and how to read plain values.

A search space is a :class:`Space` over named dimensions:

* :class:`Real` -- a continuous range, uniform or log-uniform;
* :class:`Integer` -- a range of integers, uniform or log-uniform;
* :class:`Categorical` -- a finite set of arbitrary Python objects.

Every dimension maps its values to the unit interval and back
(:meth:`Dimension.transform` / :meth:`Dimension.inverse_transform`); the
optimiser works in that unit cube. Values handed back to users and estimators
are native Python objects (``float``, ``int`` or the category itself), never
NumPy scalars unless a range's ``dtype`` asks for them.

Plain values are read by :func:`check_dimension`:

======================================  ==========================  ========================
user writes                             sklearn drop-ins            ``BayesSearchCV``
======================================  ==========================  ========================
``Real``, ``Integer``, ``Categorical``  that dimension              that dimension
list, ``range``, 1-d ndarray            choices                     choices
tuple ``(low, high)`` of two numbers    choices                     range: ``Integer`` if
                                                                    both are ints, else
                                                                    ``Real``
tuple ``(low, high, prior)``            choices                     range with that prior
tuple ``(low, high, prior, base)``      choices                     range with that prior
                                                                    and base
any other tuple                         choices                     choices
scipy.stats frozen distribution         sampled by RandomSearchCV  refused
a string or a single value              refused (wrap in a list)    refused
======================================  ==========================  ========================

scikit-optimize read a list of two numbers such as ``[1, 10]`` as a range;
here it is two choices. :func:`skopt_range_lists` finds such entries and
:func:`skopt_range_message` says how to write either meaning, so that the
searches can warn users coming from scikit-optimize.

The dimensions take every keyword of scikit-optimize's, in the same
positions. ``dtype`` sets the type of the values handed out; ``transform``
(scikit-optimize's choice of encoding for its optimiser) is checked and
otherwise ignored, since skopt_lite always models the unit cube (ranges) and
one-hot columns (categories), see :mod:`skopt_lite.optimizer._encoding`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from itertools import product
from typing import Any

import numpy as np
from sklearn.utils import check_random_state

from ._validation import InvalidParameterError, is_int, is_real

__all__ = [
    "Categorical",
    "Dimension",
    "Integer",
    "Real",
    "Space",
    "check_dimension",
    "skopt_range_lists",
    "skopt_range_message",
]

_PRIORS = ("uniform", "log-uniform")
# scikit-optimize's encodings, checked and otherwise ignored: skopt_lite's
# optimiser always works on the unit cube and one-hot columns.
_RANGE_TRANSFORMS = ("identity", "normalize")
_CATEGORICAL_TRANSFORMS = ("onehot", "string", "label", "identity", "normalize")
# dtype names scikit-optimize accepts; the Python type is the native default.
_REAL_DTYPES = {
    "float": float,
    "float16": np.float16,
    "float32": np.float32,
    "float64": np.float64,
}
_INTEGER_DTYPES = {
    "int": int,
    **{
        name: getattr(np, name)
        for name in ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")
    },
}
# Integers beyond this lose exactness in float64 arithmetic.
_MAX_INT = 2**52
# Steps of one ulp Real.transform may take so that a value maps back exactly.
_NUDGES = 64
# Most points a range is cut into by grid(): more is a mistake (a step far too
# small) that would otherwise exhaust the memory.
_MAX_GRID_POINTS = 10**6


def _native(value: Any) -> Any:
    """Return ``value`` as a native Python object (NumPy scalars unwrapped)."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return value.item()
    return value


def _label(cls_name: str, name: str | None) -> str:
    return f"{cls_name} dimension {name!r}" if name is not None else cls_name


def _show(value: Any) -> str:
    """``repr(value)``, shortened for huge integers (whose repr may even fail)."""
    if isinstance(value, int) and value.bit_length() > 64:
        return f"{'-' if value < 0 else ''}2**{value.bit_length() - 1} (about)"
    return repr(value)


def _check_transform(transform: Any, accepted: tuple[str, ...], label: str) -> str | None:
    """Check scikit-optimize's ``transform`` keyword; the value changes nothing here."""
    if transform is not None and (not isinstance(transform, str) or transform not in accepted):
        hint = (
            f" To name the dimension, pass name={transform!r}: as in scikit-optimize,"
            " transform comes before name."
            if isinstance(transform, str)
            else ""
        )
        raise InvalidParameterError(
            f"{label}: transform must be one of {accepted} or None, got"
            f" transform={transform!r}. (skopt_lite always models its own encoding, so"
            f" any accepted value behaves like None.){hint}"
        )
    return transform


def _check_dtype(dtype: Any, accepted: dict, label: str) -> type:
    """The type values are handed out as: the native Python type or a NumPy scalar type.

    ``dtype`` may be a name from ``accepted`` or anything ``np.dtype`` reads
    to one of those names (``np.float32``, ``np.dtype("int16")``...); None
    means the native type.
    """
    native = accepted[next(iter(accepted))]
    if dtype is None or dtype is native:
        return native
    if isinstance(dtype, str):
        found = accepted.get(dtype)
    else:
        try:
            found = accepted.get(np.dtype(dtype).name)
        except (TypeError, ValueError):
            found = None
    if found is None:
        names = ", ".join(f"{k!r}" for k in accepted)
        raise InvalidParameterError(
            f"{label}: dtype must be {native.__name__} (native Python values, the"
            f" default), or one of {names} or the NumPy type of that name, got"
            f" dtype={dtype!r}."
        )
    return found


class Dimension:
    """Base class of one dimension of a search space.

    Subclasses define how values are drawn, mapped to the unit interval
    ``[0, 1]`` and back, and enumerated or cut into a grid.
    """

    name: str | None = None
    prior: Any = None

    # -- what every dimension provides -------------------------------------
    @property
    def is_finite(self) -> bool:
        """Whether the dimension holds finitely many values."""
        return False

    @property
    def size(self) -> int | float:
        """Number of distinct values (``math.inf`` for a continuous range)."""
        return math.inf

    @property
    def is_constant(self) -> bool:
        """Whether the dimension holds a single value (scikit-optimize's name)."""
        return self.size == 1

    def distance(self, a: Any, b: Any) -> float:
        """Distance between two values: ``|a - b|`` for ranges, 0 or 1 for categories."""
        for v in (a, b):
            if v not in self:
                raise ValueError(f"distance: {v!r} is not a value of {self!r}.")
        return float(abs(a - b))

    def rvs(self, n_samples: int | None = None, random_state=None) -> Any:
        """Draw values by the dimension's prior.

        Parameters
        ----------
        n_samples : int or None, default=None
            Number of values. ``None`` returns one value instead of a list.
        random_state : int, RandomState instance or None, default=None
            Seed or generator.

        Returns
        -------
        values : list of length n_samples, or a single value
        """
        rng = check_random_state(random_state)
        n = 1 if n_samples is None else int(n_samples)
        values = self.inverse_transform(self._sample_unit(n, rng))
        return values[0] if n_samples is None else values

    def transform(self, values: Sequence) -> np.ndarray:  # pragma: no cover
        """Map values to the unit interval, shape ``(n_values,)``."""
        raise NotImplementedError

    def inverse_transform(self, u: Sequence[float]) -> list:  # pragma: no cover
        """Map points of the unit interval back to native values."""
        raise NotImplementedError

    def _sample_unit(self, n: int, rng: np.random.RandomState) -> np.ndarray:
        """Draw ``n`` prior samples directly in the unit interval."""
        raise NotImplementedError  # pragma: no cover

    def _draw(self, rng: np.random.RandomState) -> Any:
        """Draw one value, the way scikit-learn's ``ParameterSampler`` would."""
        return self.rvs(random_state=rng)

    def _cast(self, values: list) -> list:
        """Values of the dimension as they are handed out (see ``dtype``)."""
        return values

    def _with_name(self, name: str) -> Dimension:
        """Return a copy named ``name``; the user's object is never changed."""
        if self.name == name:
            return self
        clone = object.__new__(type(self))
        clone.__dict__.update(self.__dict__)
        clone.name = name
        return clone

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash((type(self).__name__, repr(self._key())))

    def _key(self) -> tuple:  # pragma: no cover
        raise NotImplementedError


class _Range(Dimension):
    """Shared validation and transforms of :class:`Real` and :class:`Integer`."""

    # Class defaults: objects pickled before these keywords existed unpickle.
    transform_ = "identity"
    dtype: type = object  # set by the subclasses
    _DTYPES: dict = {}

    def __init__(
        self, low, high, prior="uniform", base=10, transform=None, name=None, dtype=None
    ):
        cls = type(self).__name__
        label = _label(cls, name)
        transform = _check_transform(transform, _RANGE_TRANSFORMS, label)
        dtype = _check_dtype(dtype, self._DTYPES, label)
        if not isinstance(prior, str) or prior not in _PRIORS:
            raise InvalidParameterError(
                f"{label}: prior must be one of {_PRIORS}, got prior={prior!r}."
            )
        if not is_real(base) or not math.isfinite(base) or base <= 0 or base == 1:
            raise InvalidParameterError(
                f"{label}: base must be a positive number other than 1, got base={base!r}."
            )
        low = self._check_bound("low", low, label)
        high = self._check_bound("high", high, label)
        if not low < high:
            raise ValueError(
                f"{label}: low must be smaller than high, got low={low!r}, high={high!r}."
                " For a single fixed value use Categorical([value])."
            )
        if prior == "log-uniform" and low <= 0:
            raise ValueError(
                f"{label}: a log-uniform prior needs low > 0, got low={low!r}."
            )
        if prior == "log-uniform" and not math.log(high) > math.log(low):
            # The unit-interval mapping divides by log(high) - log(low).
            raise ValueError(
                f"{label}: low={low!r} and high={high!r} are too close for a log-uniform"
                " prior (their logarithms are equal in floating point); use"
                " prior='uniform'."
            )
        if not math.isfinite(float(high) - float(low)):
            raise ValueError(
                f"{label}: the range low={low!r}, high={high!r} is too wide to"
                " represent; narrow it or use prior='log-uniform'."
            )
        self.low, self.high, self.prior, self.base, self.name = (
            low,
            high,
            prior,
            base,
            name,
        )
        self.transform_ = "identity" if transform is None else transform
        self.dtype = dtype
        self._check_dtype_holds_range(label)

    def _check_bound(self, which, value, label):  # pragma: no cover
        raise NotImplementedError

    def _check_dtype_holds_range(self, label):  # pragma: no cover
        raise NotImplementedError

    def _dtype_name(self) -> str | None:
        """The NumPy name of ``dtype``; None for native Python values."""
        return None if self.dtype in (int, float) else np.dtype(self.dtype).name

    @property
    def bounds(self) -> tuple:
        """``(low, high)``, both included."""
        return (self.low, self.high)
    def _key(self) -> tuple:
        # transform changes nothing here, so it is not part of the identity.
        return (self.low, self.high, self.prior, self.base, self.name, self._dtype_name())

    def __repr__(self) -> str:
        args = [repr(self.low), repr(self.high)]
        if self.prior != "uniform":
            args.append(f"prior={self.prior!r}")
        if self.base != 10:
            args.append(f"base={self.base!r}")
        if self.name is not None:
            args.append(f"name={self.name!r}")
        if self._dtype_name() is not None:
            args.append(f"dtype={self._dtype_name()!r}")
        return f"{type(self).__name__}({', '.join(args)})"

    # Continuous coordinates: the range mapped linearly (or in log) onto [0, 1].
    def _warp(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        if self.prior == "log-uniform":
            with np.errstate(divide="ignore", invalid="ignore"):
                lo, hi = math.log(self.low), math.log(self.high)
                return (np.log(x) - lo) / (hi - lo)
        lo, hi = float(self.low), float(self.high)
        return (x - lo) / (hi - lo)

    def _unwarp(self, u: np.ndarray) -> np.ndarray:
        u = np.clip(np.asarray(u, dtype=float), 0.0, 1.0)
        if self.prior == "log-uniform":
            lo, hi = math.log(self.low), math.log(self.high)
            x = np.exp(lo + u * (hi - lo))
        else:
            lo, hi = float(self.low), float(self.high)
            x = lo + u * (hi - lo)
        return np.clip(x, float(self.low), float(self.high))

    def transform(self, values: Sequence) -> np.ndarray:
        """Map values to ``[0, 1]`` (in log space for a log-uniform prior).

        Parameters
        ----------
        values : sequence of numbers, length n

        Returns
        -------
        u : ndarray of shape (n,)
        """
        return np.clip(self._warp(np.asarray(values, dtype=float)), 0.0, 1.0)

    def _grid_exponents(self, step: float) -> np.ndarray:
        """Grid coordinates from ``low`` by ``step`` (powers of ``base`` if log)."""
        if self.prior == "log-uniform":
            lo = math.log(self.low, self.base)
            hi = math.log(self.high, self.base)
        else:
            lo, hi = float(self.low), float(self.high)
        span = abs(hi - lo)
        given = step
        if isinstance(self, Integer) and self.prior == "uniform":
            step = max(step, 1.0)  # a smaller step gives the same integers
        if not span / step < _MAX_GRID_POINTS:
            raise ValueError(
                f"{_label(type(self).__name__, self.name)}: step={given!r} cuts the range"
                f" into more than {_MAX_GRID_POINTS} points; use a larger step."
            )
        n = int(math.floor(span / step * (1 + 1e-12))) + 1
        with np.errstate(over="ignore"):  # near the float limit the last step overflows
            coords = lo + step * np.arange(n) * (1 if hi >= lo else -1)
            # Round away float noise (0.30000000000000004) relative to the span.
            decimals = 12 - int(math.floor(math.log10(max(span, step))))
            if decimals < 300:  # 10**decimals must not overflow (spans below 1e-288)
                coords = np.round(coords, decimals)
        coords = np.clip(coords, min(lo, hi), max(lo, hi))
        if span - (n - 1) * step > 1e-9 * max(span, 1e-300):
            coords = np.append(coords, hi)
        if self.prior == "log-uniform":
            with np.errstate(over="ignore"):  # the callers clip to [low, high]
                return np.power(float(self.base), coords)
        return coords

    def _check_grid_args(self, n_points, step):
        label = _label(type(self).__name__, self.name)
        if step is not None:
            if not is_real(step) or not math.isfinite(step) or step <= 0:
                raise InvalidParameterError(
                    f"{label}: step must be a positive number, got step={step!r}."
                )
            return None, float(step)
        if not is_int(n_points) or n_points < 2:
            raise InvalidParameterError(
                f"{label}: n_points must be an integer >= 2 (both ends are included),"
                f" got n_points={n_points!r}."
            )
        if min(n_points, self.size) > _MAX_GRID_POINTS:
            raise InvalidParameterError(
                f"{label}: n_points={n_points!r} would cut the range into more than"
                f" {_MAX_GRID_POINTS} points."
            )
        return int(n_points), None


class Real(_Range):
    """A continuous range ``[low, high]``.

    The parameters are scikit-optimize's, in the same order.

    Parameters
    ----------
    low, high : float
        Finite bounds, ``low < high``; both are included.
    prior : {"uniform", "log-uniform"}, default="uniform"
        How values are drawn. ``"log-uniform"`` draws uniformly in
        ``log(value)`` and needs ``low > 0``.
    base : float, default=10
        Base of the logarithm; only used to read a grid ``step`` for a
        log-uniform prior (a step of 1 means one power of ``base``). Draws
        and the optimiser's model do not depend on it.
    transform : {"identity", "normalize"} or None, default=None
        Accepted for scikit-optimize code and changes nothing: skopt_lite
        always models a range on the unit interval (in log space for a
        log-uniform prior), which is scikit-optimize's ``"normalize"``. Any
        other value is an error. Not part of ``repr`` or equality.
    name : str or None, default=None
        Parameter name; set from the key of the search-space dict.
    dtype : type or str, default=float
        Type of the values handed out (draws, :meth:`inverse_transform`,
        :meth:`grid`, and so the values given to estimators): ``float`` gives
        native Python floats; ``"float16"``, ``"float32"``, ``"float64"`` or
        the NumPy type of that name give NumPy scalars, rounded to that
        precision and kept inside ``[low, high]``. Both bounds must be finite
        in that type.

    Examples
    --------
    >>> from skopt_lite.space import Real
    >>> Real(1e-3, 1e3, prior="log-uniform").grid(n_points=3)
    [0.001, 1.0, 1000.0]
    >>> type(Real(0, 1, dtype="float32").rvs(random_state=0)).__name__
    'float32'
    """

    dtype = float
    _DTYPES = _REAL_DTYPES

    def __init__(
        self,
        low: float,
        high: float,
        prior: str = "uniform",
        base: float = 10,
        transform: str | None = None,
        name: str | None = None,
        dtype: type | str = float,
    ) -> None:
        super().__init__(
            low, high, prior=prior, base=base, transform=transform, name=name, dtype=dtype
        )

    def _check_dtype_holds_range(self, label):
        if self.dtype is float:
            return
        with np.errstate(over="ignore"):
            ends = np.array([self.low, self.high]).astype(self.dtype)
        if not np.all(np.isfinite(ends)):
            raise InvalidParameterError(
                f"{label}: low={self.low!r} and high={self.high!r} must be finite in"
                f" dtype={self._dtype_name()!r}; use a wider float type."
            )
        low, high = (float(v) for v in self._cast([self.low, self.high]))
        if not self.low <= low <= high <= self.high:
            raise InvalidParameterError(
                f"{label}: no {self._dtype_name()} value lies between low={self.low!r} and"
                f" high={self.high!r}; use a wider float type or a wider range."
            )

    def _cast(self, values):
        if self.dtype is float:
            return values
        # Rounding to a coarser float may leave the range: move such values
        # one step of that type back inside, so every value is in the space.
        with np.errstate(over="ignore"):
            out = np.asarray(values, dtype=float).astype(self.dtype)
        back = out.astype(float)
        top = np.array(np.inf, dtype=self.dtype)
        below, above = back < self.low, back > self.high
        out[below] = np.nextafter(out[below], top)
        out[above] = np.nextafter(out[above], -top)
        return list(out)

    def _check_bound(self, which, value, label):
        value = _native(value)
        if not is_real(value):
            raise InvalidParameterError(
                f"{label}: {which} must be a number, got {which}={value!r}."
            )
        try:
            value = float(value)
        except OverflowError:  # an int beyond the largest float
            raise InvalidParameterError(
                f"{label}: {which} must be finite, got {which}={_show(value)}."
            ) from None
        if not math.isfinite(value):
            raise InvalidParameterError(f"{label}: {which} must be finite, got {which}={value!r}.")
        return value

    def transform(self, values: Sequence) -> np.ndarray:
        """Map values to ``[0, 1]`` (in log space for a log-uniform prior).

        For a value returned by :meth:`inverse_transform`, the result maps
        back to exactly that value.

        Parameters
        ----------
        values : sequence of numbers, length n

        Returns
        -------
        u : ndarray of shape (n,)
        """
        x = np.asarray(values, dtype=float)
        u0 = super().transform(x)
        # The warp and its inverse each round, so inverse_transform(u0) can miss
        # x by an ulp; a u a few ulps away hits it exactly. How many ulps
        # depends on NumPy's log and exp (older NumPy's vectorised ones are
        # less exact), so allow a few dozen; only the misses iterate.
        u = u0.copy()
        back = np.asarray(self._inverse(u), dtype=float)
        for _ in range(_NUDGES):
            miss = back != x
            if not miss.any():
                break
            u[miss] = np.nextafter(u[miss], np.where(back[miss] < x[miss], 1.0, 0.0))
            back[miss] = self._inverse(u[miss])
        return np.where(back == x, u, u0)

    def inverse_transform(self, u: Sequence[float]) -> list:
        """Map points of ``[0, 1]`` back to values in ``[low, high]``.

        Parameters
        ----------
        u : sequence of float, length n

        Returns
        -------
        values : list of float (or of ``dtype``), length n
        """
        return self._cast(self._inverse(u))

    def _inverse(self, u) -> list[float]:
        """:meth:`inverse_transform` as native floats, whatever ``dtype``."""
        u = np.asarray(u, dtype=float)
        x = self._unwarp(u)
        # The ends map exactly, whatever rounding the log/exp round trip does.
        x[u <= 0] = self.low
        x[u >= 1] = self.high
        return x.tolist()

    def _sample_unit(self, n, rng):
        return rng.uniform(0.0, 1.0, size=n)

    def _draw(self, rng):
        return self.inverse_transform(rng.uniform(0.0, 1.0, size=1))[0]

    def __contains__(self, value: Any) -> bool:
        value = _native(value)
        return is_real(value) and self.low <= value <= self.high

    def grid(self, n_points: int | None = 5, step: float | None = None) -> list[float]:
        """Cut the range into a grid, both ends included.

        Parameters
        ----------
        n_points : int, default=5
            Number of evenly spaced points (geometrically spaced for a
            log-uniform prior); duplicates are dropped when the range holds
            fewer distinct floats. Ignored when ``step`` is given.
        step : float or None, default=None
            Distance between points; in powers of ``base`` for a log-uniform
            prior. ``high`` is appended when the steps do not land on it.

        Returns
        -------
        values : list of float (or of ``dtype``), increasing
        """
        n_points, step = self._check_grid_args(n_points, step)
        if step is not None:
            values = self._grid_exponents(step)
        elif self.prior == "log-uniform":
            with np.errstate(over="ignore"):  # up to the largest float: clipped below
                values = np.geomspace(self.low, self.high, n_points)
        else:
            values = np.linspace(self.low, self.high, n_points)
        values = np.clip(values, self.low, self.high)
        values[0], values[-1] = self.low, self.high
        # A range only a few floats wide cannot hold n distinct points.
        values = self._cast(np.unique(values).tolist())
        return values if self.dtype is float else list(np.unique(values))


class Integer(_Range):
    """A range of integers ``low, low + 1, ..., high``.

    The parameters are scikit-optimize's, in the same order.

    Parameters
    ----------
    low, high : int
        Bounds, ``low < high``; both are included. Their magnitude must stay
        below ``2**52`` so that every value is exact in float arithmetic.
    prior : {"uniform", "log-uniform"}, default="uniform"
        How values are drawn. ``"log-uniform"`` gives each integer ``k`` the
        mass of ``[k, k + 1)`` under a log-uniform density; it needs ``low >= 1``.
    base : float, default=10
        Base of the logarithm; only used to read a grid ``step``. Draws and
        the optimiser's model do not depend on it.
    transform : {"identity", "normalize"} or None, default=None
        Accepted for scikit-optimize code and changes nothing: skopt_lite
        always models an integer range on the unit interval. Any other value
        is an error. Not part of ``repr`` or equality.
    name : str or None, default=None
        Parameter name; set from the key of the search-space dict.
    dtype : type or str, default=int
        Type of the values handed out (draws, :meth:`inverse_transform`,
        :meth:`values`, :meth:`grid`, and so the values given to
        estimators): ``int`` gives native Python ints; ``"int8"`` to
        ``"int64"``, ``"uint8"`` to ``"uint64"`` or the NumPy type of that
        name give NumPy scalars. Both bounds must fit in that type.
        scikit-optimize's default was ``np.int64``; ask for it explicitly to
        get NumPy integers.

    Examples
    --------
    >>> from skopt_lite.space import Integer
    >>> Integer(1, 1000, prior="log-uniform").grid(n_points=4)
    [1, 10, 100, 1000]
    >>> type(Integer(1, 8, dtype="int32").rvs(random_state=0)).__name__
    'int32'
    """

    dtype = int
    _DTYPES = _INTEGER_DTYPES

    def __init__(
        self,
        low: int,
        high: int,
        prior: str = "uniform",
        base: float = 10,
        transform: str | None = None,
        name: str | None = None,
        dtype: type | str = int,
    ) -> None:
        super().__init__(
            low, high, prior=prior, base=base, transform=transform, name=name, dtype=dtype
        )

    def _check_dtype_holds_range(self, label):
        if self.dtype is int:
            return
        info = np.iinfo(self.dtype)
        if not info.min <= self.low <= self.high <= info.max:
            raise InvalidParameterError(
                f"{label}: low={self.low!r} and high={self.high!r} must lie within"
                f" [{info.min}, {info.max}] for dtype={self._dtype_name()!r}; use a wider"
                " integer type."
            )

    def _cast(self, values):
        if self.dtype is int:
            return values
        return list(np.asarray(values, dtype=np.int64).astype(self.dtype))

    def _check_bound(self, which, value, label):
        value = _native(value)
        if not is_real(value):
            raise InvalidParameterError(
                f"{label}: {which} must be an integer, got {which}={value!r}."
            )
        if isinstance(value, float):
            if not math.isfinite(value):
                raise InvalidParameterError(
                    f"{label}: {which} must be finite, got {which}={value!r}."
                )
            if not value.is_integer():
                raise InvalidParameterError(
                    f"{label}: {which} must be an integer, got {which}={value!r};"
                    " use Real for a continuous range."
                )
        value = int(value)
        if abs(value) > _MAX_INT:
            raise InvalidParameterError(
                f"{label}: {which}={_show(value)} is out of range; integer bounds must"
                f" lie within +-2**52."
            )
        return value

    @property
    def is_finite(self) -> bool:
        return True

    @property
    def size(self) -> int:
        return self.high - self.low + 1

    def inverse_transform(self, u: Sequence[float]) -> list[int]:
        """Map points of ``[0, 1]`` back to integers in ``[low, high]``.

        The integer whose own transform lies nearest to ``u`` is returned, so
        ``inverse_transform(transform(values)) == values`` exactly -- for a
        log-uniform prior only while neighbouring integers get distinct
        float64 coordinates (values up to about ``1e14``); the bounds always
        map exactly.

        Parameters
        ----------
        u : sequence of float, length n

        Returns
        -------
        values : list of int (or of ``dtype``), length n
        """
        return self._cast(self._inverse(u))

    def _inverse(self, u) -> list[int]:
        """:meth:`inverse_transform` as native ints, whatever ``dtype``."""
        u = np.clip(np.asarray(u, dtype=float), 0.0, 1.0)
        k = np.clip(np.round(self._unwarp(u)), self.low, self.high)
        # Float rounding can put k one off for huge ranges: take the nearest
        # of k - 1, k, k + 1 in transformed coordinates.
        candidates = np.clip(k[:, None] + np.array([-1.0, 0.0, 1.0]), self.low, self.high)
        dist = np.abs(self._warp(candidates) - u[:, None])
        k = candidates[np.arange(len(u)), np.argmin(dist, axis=1)]
        # The ends map exactly, whatever rounding the log/exp round trip does.
        k[u <= 0] = self.low
        k[u >= 1] = self.high
        return [int(v) for v in k]

    def _sample_unit(self, n, rng):
        if self.prior == "log-uniform":
            lo, hi = math.log(self.low), math.log(self.high + 1)
            k = np.floor(np.exp(rng.uniform(lo, hi, size=n)))
        else:
            k = rng.randint(self.low, self.high + 1, size=n).astype(float)
        return self.transform(np.clip(k, self.low, self.high))

    def _draw(self, rng):
        return self.inverse_transform(self._sample_unit(1, rng))[0]

    def __contains__(self, value: Any) -> bool:
        value = _native(value)
        if not is_real(value):
            return False
        return float(value).is_integer() and self.low <= value <= self.high

    def values(self) -> list:
        """Every integer of the range, in increasing order (as ``dtype``)."""
        return self._cast(list(range(self.low, self.high + 1)))

    def grid(self, n_points: int | None = 5, step: float | None = None) -> list[int]:
        """Cut the range into a grid of distinct integers, both ends included.

        Parameters
        ----------
        n_points : int, default=5
            Number of evenly spaced points (geometric for a log-uniform
            prior) before rounding; duplicates after rounding are dropped, so
            ``n_points >= size`` gives every integer.
        step : float or None, default=None
            Distance between points; in powers of ``base`` for a log-uniform
            prior. ``high`` is appended when the steps do not land on it.

        Returns
        -------
        values : list of int (or of ``dtype``), increasing
        """
        n_points, step = self._check_grid_args(n_points, step)
        if step is not None:
            values = self._grid_exponents(step)
        elif n_points >= self.size:
            return self.values()
        elif self.prior == "log-uniform":
            values = np.geomspace(self.low, self.high, n_points)
        else:
            values = np.linspace(self.low, self.high, n_points)
        values = np.clip(np.round(values), self.low, self.high)
        values = np.unique(np.concatenate([[self.low], values, [self.high]]))
        return self._cast([int(v) for v in values])


class Categorical(Dimension):
    """A finite set of choices.

    The parameters are scikit-optimize's, in the same order.

    Parameters
    ----------
    categories : sequence
        The choices, in order. Any Python objects: strings, numbers, ``None``,
        booleans, tuples (e.g. ``hidden_layer_sizes``), estimator instances.
        Kept as given (NumPy scalars are unwrapped to Python ones); the
        sequence itself is copied, never changed.
    prior : sequence of float or None, default=None
        Probability of each category; uniform when None. Must be
        non-negative and sum to 1.
    transform : {"onehot", "string", "label", "identity", "normalize"} or None, \
            default=None
        Accepted for scikit-optimize code and changes nothing: skopt_lite's
        optimiser always models categories as one-hot columns (scikit-optimize's
        ``"onehot"``), and values are always the categories themselves. Any
        other value is an error. Not part of ``repr`` or equality.
    name : str or None, default=None
        Parameter name; set from the key of the search-space dict.

    Examples
    --------
    >>> from skopt_lite.space import Categorical
    >>> Categorical([(10,), (10, 10), None]).rvs(3, random_state=0)
    [(10,), (10, 10), (10,)]
    """

    # Class default: objects pickled before this keyword existed unpickle.
    transform_ = "onehot"

    def __init__(
        self,
        categories: Sequence,
        prior: Sequence[float] | None = None,
        transform: str | None = None,
        name: str | None = None,
    ) -> None:
        label = _label("Categorical", name)
        transform = _check_transform(transform, _CATEGORICAL_TRANSFORMS, label)
        if isinstance(categories, str) or not isinstance(
            categories, (Sequence, np.ndarray, range)
        ):
            raise TypeError(
                f"{label}: categories must be a list, tuple, range or 1-d array,"
                f" got categories={categories!r}."
            )
        if isinstance(categories, np.ndarray):
            if categories.ndim != 1:
                raise ValueError(
                    f"{label}: categories must be one-dimensional, got an array of"
                    f" shape {categories.shape}."
                )
            categories = list(categories)
        self.categories = tuple(_native(c) for c in categories)
        if not self.categories:
            raise ValueError(f"{label}: categories must not be empty.")
        if prior is not None:
            try:
                p = np.asarray(prior, dtype=float)
            except (TypeError, ValueError):
                raise TypeError(
                    f"{label}: prior must be a sequence of probabilities, one per"
                    f" category, got prior={prior!r}."
                ) from None
            if p.shape != (len(self.categories),):
                raise ValueError(
                    f"{label}: prior must give one probability per category"
                    f" ({len(self.categories)}), got prior={prior!r}."
                )
            if not np.all(np.isfinite(p)) or np.any(p < 0) or not np.isclose(p.sum(), 1.0):
                raise ValueError(
                    f"{label}: prior must be non-negative and sum to 1, got prior={prior!r}."
                )
            prior = tuple(float(x) for x in p)
        self.prior = prior
        self.transform_ = "onehot" if transform is None else transform
        self.name = name

    @property
    def is_finite(self) -> bool:
        return True

    @property
    def size(self) -> int:
        return len(self.categories)

    @property
    def bounds(self) -> tuple:
        """The categories."""
        return self.categories

    def _key(self) -> tuple:
        return (tuple(map(_token, self.categories)), self.prior, self.name)

    def __repr__(self) -> str:
        args = [repr(list(self.categories))]
        if self.prior is not None:
            args.append(f"prior={list(self.prior)!r}")
        if self.name is not None:
            args.append(f"name={self.name!r}")
        return f"Categorical({', '.join(args)})"

    def distance(self, a: Any, b: Any) -> float:
        """0 if ``a`` and ``b`` are the same category, else 1."""
        return float(self.index(a) != self.index(b))

    def index(self, value: Any) -> int:
        """Position of ``value`` among the categories.

        Identity is tried first, then equality of values of the same type, so
        ``1``, ``1.0`` and ``True`` are different categories.

        Raises
        ------
        ValueError
            If ``value`` is not a category.
        """
        for i, c in enumerate(self.categories):
            if c is value:
                return i
        value = _native(value)
        for i, c in enumerate(self.categories):
            if _same(c, value):
                return i
        raise ValueError(f"{value!r} is not one of the categories of {self!r}.")

    def __contains__(self, value: Any) -> bool:
        try:
            self.index(value)
        except ValueError:
            return False
        return True

    def _duplicate(self) -> tuple[int, int] | None:
        """``(j, i)`` with ``j < i`` for the first category equal to an earlier one, or None.

        Equal means the same object, or equal values of the same type (as
        :meth:`index` compares values; arrays element-wise).
        """
        first: dict = {}
        unhashable: list = []
        for i, c in enumerate(self.categories):
            try:
                j = first.setdefault((type(c), c), i)
            except Exception:  # unhashable, or an == that raises: compare one by one
                j = next((k for k, d in unhashable if d is c or _same(d, c)), i)
                unhashable.append((i, c))
            if j != i:
                return j, i
        return None

    def transform(self, values: Sequence) -> np.ndarray:
        """Map categories to the centres of ``len(categories)`` equal bins of ``[0, 1]``.

        Parameters
        ----------
        values : sequence of categories, length n

        Returns
        -------
        u : ndarray of shape (n,)
        """
        idx = np.array([self.index(v) for v in values], dtype=float)
        return (idx + 0.5) / len(self.categories)

    def inverse_transform(self, u: Sequence[float]) -> list:
        """Map points of ``[0, 1]`` back to the category whose bin holds them.

        Parameters
        ----------
        u : sequence of float, length n

        Returns
        -------
        values : list, length n
        """
        return [self.categories[i] for i in self._indices(u)]

    def _indices(self, u) -> np.ndarray:
        n = len(self.categories)
        u = np.clip(np.asarray(u, dtype=float), 0.0, 1.0)
        return np.minimum((u * n).astype(int), n - 1)

    def _sample_unit(self, n, rng):
        k = len(self.categories)
        if self.prior is None:
            idx = rng.randint(k, size=n)
        else:
            idx = rng.choice(k, size=n, p=self.prior)
        return (idx + 0.5) / k

    def _draw(self, rng):
        # ParameterSampler's draw from a list: v[rng.randint(len(v))].
        if self.prior is None:
            return self.categories[rng.randint(len(self.categories))]
        return self.categories[rng.choice(len(self.categories), p=self.prior)]

    def values(self) -> list:
        """The categories, in order."""
        return list(self.categories)

    def grid(self, n_points: int | None = None, step: float | None = None) -> list:
        """All categories; ``n_points`` and ``step`` do not apply."""
        return self.values()


class _Distribution(Dimension):
    """A scipy.stats frozen distribution (anything with ``rvs``): sampled only."""

    def __init__(self, dist, name=None):
        self.dist = dist
        self.name = name

    def _key(self):
        return (id(self.dist), self.name)

    def __repr__(self):
        return f"_Distribution({self.dist!r}, name={self.name!r})"

    def rvs(self, n_samples=None, random_state=None):
        rng = check_random_state(random_state)
        if n_samples is None:
            return self._draw(rng)
        return [self._draw(rng) for _ in range(int(n_samples))]

    def _draw(self, rng):
        # ParameterSampler's draw from a distribution: v.rvs(random_state=rng).
        return _native(self.dist.rvs(random_state=rng))

    def _refuse(self, *args, **kwargs):
        raise TypeError(
            f"Parameter {self.name!r}: a scipy.stats distribution can only be sampled"
            " (RandomSearchCV). Use Real(...) or Integer(...) for a range, or a list"
            " of values."
        )

    transform = inverse_transform = grid = values = _sample_unit = _refuse


def _same(a: Any, b: Any) -> bool:
    """Equal values of the same type; arrays compare element-wise."""
    if type(a) is not type(b):
        return False
    try:
        eq = a == b
        if isinstance(eq, np.ndarray):
            return bool(np.array_equal(a, b))
        return bool(eq)
    except Exception:  # objects whose == misbehaves are only equal to themselves
        return False


def _token(value: Any) -> Any:
    """A hashable stand-in for a category, for comparing Categoricals."""
    try:
        hash(value)
        return (type(value).__name__, value)
    except TypeError:
        return (type(value).__name__, repr(value))


def _is_number(x: Any) -> bool:
    return is_real(_native(x))


def check_dimension(
    dimension: Any,
    name: str | None = None,
    *,
    transform: str | None = None,
    tuple_is_range: bool = False,
    allow_distributions: bool = False,
) -> Dimension:
    """Turn what a user wrote for one parameter into a :class:`Dimension`.

    Parameters
    ----------
    dimension : Dimension, sequence, tuple or scipy.stats distribution
        See the table in the module docstring.
    name : str or None, default=None
        The parameter name, used in error messages and set on the result.
    transform : str or None, default=None
        scikit-optimize's keyword, passed to the dimension built from a
        plain value (checked there, and changing nothing; see :class:`Real`
        and :class:`Categorical`). A :class:`Dimension` is returned as it
        is. Keyword-only here, where scikit-optimize's second position is
        ``name``.
    tuple_is_range : bool, default=False
        Read a tuple ``(low, high)``, ``(low, high, prior)`` or
        ``(low, high, prior, base)`` as a range, as scikit-optimize does
        (``BayesSearchCV``). Off for the sklearn drop-ins, where every
        sequence is a set of choices.
    allow_distributions : bool, default=False
        Accept objects with an ``rvs`` method (``RandomSearchCV``).

    Returns
    -------
    dimension : Dimension
        A new object (or the user's own when nothing had to change); the
        user's object is never modified.

    Raises
    ------
    TypeError
        For a string, a single value or an object that is not a space.
    ValueError
        For an empty sequence, an invalid range or an unknown ``transform``.
    """
    value = dimension
    _check_transform(
        transform,
        tuple(dict.fromkeys(_RANGE_TRANSFORMS + _CATEGORICAL_TRANSFORMS)),
        f"Parameter {name!r}" if name is not None else "check_dimension",
    )
    where = f"Parameter {name!r}" if name is not None else "A search-space entry"
    if isinstance(value, Dimension):
        if isinstance(value, _Distribution):
            value = value.dist
        else:
            return value._with_name(name) if name is not None else value
    if hasattr(value, "rvs") and not isinstance(value, (Sequence, np.ndarray)):
        if allow_distributions:
            return _Distribution(value, name=name)
        raise TypeError(
            f"{where}: got a distribution {value!r}, which this search cannot use;"
            " use Real(low, high) or Integer(low, high) for a range."
        )
    if isinstance(value, str):
        raise TypeError(
            f"{where}: got the string {value!r}; a search space entry must be a list"
            f" of choices such as [{value!r}], or a Real/Integer/Categorical range."
        )
    if tuple_is_range and isinstance(value, tuple) and _looks_like_range(value):
        low, high, *rest = value
        prior = rest[0] if rest else "uniform"
        base = _native(rest[1]) if len(rest) > 1 else 10
        low, high = _native(low), _native(high)
        both_int = all(is_int(v) for v in (low, high))
        cls = Integer if both_int else Real
        return cls(low, high, prior=prior, base=base, transform=transform, name=name)
    if isinstance(value, (Sequence, np.ndarray, range)):
        if isinstance(value, np.ndarray) and value.ndim != 1:
            raise ValueError(
                f"{where}: an array of choices must be one-dimensional, got shape"
                f" {value.shape}."
            )
        if len(value) == 0:
            raise ValueError(f"{where}: the list of choices is empty; give at least one value.")
        return Categorical(value, transform=transform, name=name)
    raise TypeError(
        f"{where}: got {value!r} of type {type(value).__name__}; a search-space entry"
        f" must be a list of choices (wrap a single value as [{value!r}]), or a"
        " Real/Integer/Categorical dimension."
    )


def _looks_like_range(value: tuple) -> bool:
    """skopt's shorthand: ``(low, high)``, ``(low, high, prior)``, ``(low, high, prior, base)``."""
    if not 2 <= len(value) <= 4 or not (_is_number(value[0]) and _is_number(value[1])):
        return False
    if len(value) >= 3 and not isinstance(value[2], str):
        return False
    return len(value) < 4 or _is_number(value[3])


def _is_skopt_range_list(value: Any) -> bool:
    """A list of two numbers ``[low, high]`` with ``low < high``: a range in scikit-optimize."""
    if not isinstance(value, list) or len(value) != 2:
        return False
    low, high = (_native(v) for v in value)
    return is_real(low) and is_real(high) and bool(low < high)


def skopt_range_lists(dimensions: Mapping | Sequence) -> list:
    """Entries that scikit-optimize read as a range, and skopt_lite reads as two choices.

    scikit-optimize turned a plain list of two numbers ``[low, high]``
    (``low < high``) into ``Integer(low, high)`` when both are ints, else
    ``Real(low, high)``. skopt_lite reads every list as choices, so such an
    entry silently means something else to code written for
    scikit-optimize. Tuples, :class:`Categorical` objects, arrays, lists of
    another length and lists holding anything but numbers (booleans
    included) are not reported.

    Parameters
    ----------
    dimensions : mapping of name to entry, or sequence of entries
        A search-space dict (as given to ``BayesSearchCV``) or a list of
        dimensions (as given to an optimiser).

    Returns
    -------
    keys : list
        The names (for a mapping) or positions (for a sequence) of those
        entries, in order. Empty when there is nothing to report.

    See Also
    --------
    skopt_range_message : the warning text for what this finds.

    Examples
    --------
    >>> from skopt_lite.space import Categorical, skopt_range_lists
    >>> skopt_range_lists({"C": [1, 10], "gamma": (0.1, 1.0), "k": Categorical([1, 2])})
    ['C']
    >>> skopt_range_lists([[0.1, 1.0], ["a", "b"], [1, 2, 3]])
    [0]
    """
    if isinstance(dimensions, Mapping):
        items = dimensions.items()
    elif isinstance(dimensions, (Sequence, np.ndarray)) and not isinstance(dimensions, str):
        items = enumerate(dimensions)
    else:
        return []
    return [key for key, value in items if _is_skopt_range_list(value)]


def skopt_range_message(entries: Sequence[tuple[str, list]]) -> str:
    """The warning for entries found by :func:`skopt_range_lists`: how to write either meaning.

    Parameters
    ----------
    entries : sequence of (label, list) pairs
        Where each entry is, as the user would find it (such as
        ``"search_spaces['C']"`` or ``"dimensions[0]"``), and the list itself.

    Returns
    -------
    message : str
        One line per entry, suggesting the range (the dimension and its tuple
        shorthand) and the choices (a :class:`Categorical`), either of which
        silences the warning.

    Examples
    --------
    >>> from skopt_lite.space import skopt_range_message
    >>> print(skopt_range_message([("search_spaces['C']", [1, 10])]))
    A list of two numbers is two choices in skopt_lite, where scikit-optimize read it as a range:
      search_spaces['C'] = [1, 10]: write Integer(1, 10) or (1, 10) for the range, or Categorical([1, 10]) for the two choices.
    Either form silences this warning.
    """  # noqa: E501
    lines = []
    for label, value in entries:
        low, high = (_native(v) for v in value)
        cls = "Integer" if is_int(low) and is_int(high) else "Real"
        lines.append(
            f"  {label} = {[low, high]!r}: write {cls}({low!r}, {high!r}) or"
            f" ({low!r}, {high!r}) for the range, or Categorical({[low, high]!r}) for"
            " the two choices."
        )
    return (
        "A list of two numbers is two choices in skopt_lite, where scikit-optimize"
        " read it as a range:\n" + "\n".join(lines) + "\nEither form silences this warning."
    )


class Space:
    """A search space: an ordered list of named dimensions.

    Points are lists of native values, one per dimension, in the order of
    :attr:`dimensions`.

    Parameters
    ----------
    dimensions : sequence of Dimension, or mapping of name to anything
        :func:`check_dimension` accepts. A mapping is ordered by sorted keys
        (as scikit-learn orders parameter grids).
    constraint : None, default=None
        scikit-optimize's keyword, accepted so that its code runs; only None
        is supported. A constraint function is refused with a ValueError
        rather than ignored: skopt_lite's optimiser could not honour it.
        Write the allowed combinations as a list of subspaces instead.
    tuple_is_range : bool, default=False
        Passed to :func:`check_dimension` for plain values.
    allow_distributions : bool, default=False
        Passed to :func:`check_dimension` for plain values.

    Examples
    --------
    >>> from skopt_lite.space import Space, Real
    >>> space = Space({"C": Real(1e-2, 1e2, prior="log-uniform"), "kernel": ["rbf", "linear"]})
    >>> space.names
    ['C', 'kernel']
    >>> len(list(space.grid(n_points=3)))
    6
    """

    def __init__(
        self,
        dimensions: Sequence | Mapping,
        constraint: None = None,
        *,
        tuple_is_range: bool = False,
        allow_distributions: bool = False,
    ) -> None:
        if constraint is not None:
            raise InvalidParameterError(
                f"Space: constraint must be None, got constraint={constraint!r}."
                " skopt_lite's optimiser cannot honour a constraint between"
                " parameters. Write the allowed combinations as a list of"
                " subspaces (one dict per combination of the linked parameters),"
                " or have the objective give a bad score to forbidden points."
            )
        kw = dict(tuple_is_range=tuple_is_range, allow_distributions=allow_distributions)
        if isinstance(dimensions, Mapping):
            for key in dimensions:
                if not isinstance(key, str):
                    raise TypeError(
                        f"Parameter names must be strings, got {key!r} of type"
                        f" {type(key).__name__}."
                    )
            dims = [check_dimension(v, k, **kw) for k, v in sorted(dimensions.items())]
        else:
            # Names may repeat here, as in scikit-optimize: they label the
            # dimensions of a list; looking one up by a repeated name fails.
            dims = [check_dimension(d, getattr(d, "name", None), **kw) for d in dimensions]
        self.dimensions = dims

    # -- description --------------------------------------------------------
    @property
    def n_dims(self) -> int:
        """Number of dimensions."""
        return len(self.dimensions)

    @property
    def names(self) -> list:
        """Dimension names, in order."""
        return [d.name for d in self.dimensions]

    @property
    def dimension_names(self) -> list:
        """Dimension names, in order (scikit-optimize's name for :attr:`names`)."""
        return self.names

    def index(self, name: str) -> int:
        """Position of the dimension called ``name``.

        Raises
        ------
        KeyError
            If no dimension, or more than one, has that name.
        """
        found = [i for i, n in enumerate(self.names) if n == name]
        if len(found) != 1:
            what = "No dimension of the space is" if not found else f"{len(found)} dimensions are"
            raise KeyError(f"{what} named {name!r}; the names are {self.names}.")
        return found[0]

    def __getitem__(self, names: str | Sequence[str]):
        """``(index, dimension)`` of a name, or a list of them for a list of names.

        As scikit-optimize's ``Space.__getitem__``.

        Examples
        --------
        >>> from skopt_lite.space import Space, Real, Integer
        >>> Space([Real(0, 1, name="x"), Integer(1, 5, name="k")])["k"]
        (1, Integer(1, 5, name='k'))
        """
        if isinstance(names, str):
            i = self.index(names)
            return i, self.dimensions[i]
        return [self[name] for name in names]

    @property
    def is_real(self) -> bool:
        """Whether every dimension is a Real."""
        return all(isinstance(d, Real) for d in self.dimensions)

    @property
    def is_categorical(self) -> bool:
        """Whether every dimension is a Categorical."""
        return all(isinstance(d, Categorical) for d in self.dimensions)

    @property
    def is_partly_categorical(self) -> bool:
        """Whether some dimension is a Categorical."""
        return any(isinstance(d, Categorical) for d in self.dimensions)

    @property
    def n_constant_dimensions(self) -> int:
        """Number of dimensions that hold a single value."""
        return sum(d.is_constant for d in self.dimensions)

    def distance(self, point_a: Sequence, point_b: Sequence) -> float:
        """Sum over dimensions of :meth:`Dimension.distance` (as scikit-optimize)."""
        if not len(point_a) == len(point_b) == self.n_dims:
            raise ValueError(
                f"distance: both points need {self.n_dims} values; got {point_a!r} and"
                f" {point_b!r}."
            )
        return sum(d.distance(a, b) for d, a, b in zip(self.dimensions, point_a, point_b))

    @property
    def bounds(self) -> list:
        """``(low, high)`` per range, the categories per Categorical."""
        return [d.bounds for d in self.dimensions]

    @property
    def is_finite(self) -> bool:
        """Whether every dimension is finite."""
        return all(d.is_finite for d in self.dimensions)

    @property
    def size(self) -> int | float:
        """Number of points (``math.inf`` if any dimension is continuous)."""
        return math.prod(d.size for d in self.dimensions)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Space) and self.dimensions == other.dimensions

    def __hash__(self) -> int:
        return hash(tuple(self.dimensions))

    def __repr__(self) -> str:
        return f"Space({self.dimensions!r})"

    def __contains__(self, point: Sequence) -> bool:
        if isinstance(point, Mapping):
            if set(point) != set(self.names):
                return False
            point = [point[n] for n in self.names]
        return len(point) == self.n_dims and all(
            v in d for v, d in zip(point, self.dimensions)
        )

    def to_dict(self, point: Sequence) -> dict:
        """``{name: value}`` for a point."""
        return dict(zip(self.names, point))

    # -- the unit cube ---------------------------------------------------------
    def transform(self, points: Sequence[Sequence]) -> np.ndarray:
        """Map points to the unit cube.

        Parameters
        ----------
        points : sequence of n points (each a sequence of n_dims values)

        Returns
        -------
        U : ndarray of shape (n, n_dims), values in [0, 1]
        """
        points = list(points)
        out = np.empty((len(points), self.n_dims))
        for j, dim in enumerate(self.dimensions):
            out[:, j] = dim.transform([p[j] for p in points])
        return out

    def inverse_transform(self, U: np.ndarray) -> list[list]:
        """Map points of the unit cube back to points of native values.

        Parameters
        ----------
        U : array-like of shape (n, n_dims)

        Returns
        -------
        points : list of n lists of n_dims values
        """
        U = np.asarray(U, dtype=float).reshape(-1, self.n_dims)
        cols = [dim.inverse_transform(U[:, j]) for j, dim in enumerate(self.dimensions)]
        return [list(row) for row in zip(*cols)] if cols else [[] for _ in range(len(U))]

    def sample_unit(self, n_samples: int, random_state=None) -> np.ndarray:
        """Draw points by the priors, in unit-cube coordinates.

        Returns
        -------
        U : ndarray of shape (n_samples, n_dims)
        """
        rng = check_random_state(random_state)
        out = np.empty((int(n_samples), self.n_dims))
        for j, dim in enumerate(self.dimensions):
            out[:, j] = dim._sample_unit(int(n_samples), rng)
        return out

    def rvs(self, n_samples: int = 1, random_state=None) -> list[list]:
        """Draw points by the priors.

        Parameters
        ----------
        n_samples : int, default=1
        random_state : int, RandomState instance or None, default=None

        Returns
        -------
        points : list of n_samples lists of native values
        """
        return self.inverse_transform(self.sample_unit(n_samples, random_state))

    # -- enumeration -----------------------------------------------------------
    def grid(
        self,
        n_points: int | Mapping | None = 5,
        step: float | Mapping | None = None,
    ) -> Iterator[list]:
        """Iterate over a grid of the space, the last dimension varying fastest.

        Finite dimensions give all their values unless a grid size or step is
        given for them; ranges are cut by :meth:`Real.grid` / :meth:`Integer.grid`.

        Parameters
        ----------
        n_points : int or mapping of name to int, default=5
            Points per range dimension; a mapping sets it per name (others
            default to 5).
        step : float or mapping of name to float, default=None
            Step per range dimension, taking precedence over ``n_points``.

        Yields
        ------
        point : list of native values
        """
        return iter(_Grid(self._axes(n_points, step)))

    def __iter__(self) -> Iterator[list]:
        """Every point of a finite space, the last dimension varying fastest."""
        self._require_finite()
        return iter(_Grid([d.values() for d in self.dimensions]))

    def __len__(self) -> int:
        self._require_finite()
        return self.size

    def point_at(self, index: int) -> list:
        """The ``index``-th point of :meth:`__iter__`, without enumerating."""
        self._require_finite()
        # A range indexes in O(1); listing a wide Integer's values would not.
        axes = [
            range(d.low, d.high + 1) if isinstance(d, Integer) else d.values()
            for d in self.dimensions
        ]
        point = _Grid(axes)[index]
        return [
            d._cast([v])[0] if isinstance(d, Integer) else v
            for d, v in zip(self.dimensions, point)
        ]

    def _require_finite(self):
        for d in self.dimensions:
            if not d.is_finite:
                raise TypeError(
                    f"Parameter {d.name!r}: {d!r} is continuous and cannot be enumerated;"
                    " use GridSearchCV to cut it into a grid, or RandomSearchCV/"
                    "BayesSearchCV to sample it."
                )

    def _axes(self, n_points, step) -> list[list]:
        axes = []
        for d in self.dimensions:
            if isinstance(d, (Categorical, _Distribution)):
                axes.append(d.values())
                continue
            n, s = _resolve_grid_args(d.name, n_points, step)
            axes.append(d.grid(n_points=n, step=s))
        return axes


def _resolve_grid_args(name, n_points, step):
    """Grid size and step for one range dimension.

    Precedence: a per-name step, a per-name ``n_points``, a global step, a
    global ``n_points`` (5 when only per-name values were given).
    """
    if isinstance(step, Mapping) and step.get(name) is not None:
        return None, step[name]
    if isinstance(n_points, Mapping) and n_points.get(name) is not None:
        return n_points[name], None
    if step is not None and not isinstance(step, Mapping):
        return None, step
    if n_points is None or isinstance(n_points, Mapping):
        return 5, None
    return n_points, None


class _Grid:
    """The cartesian product of per-dimension value lists, indexable."""

    def __init__(self, axes: list[list]):
        self.axes = axes

    def __len__(self):
        return math.prod(len(a) for a in self.axes)

    def __iter__(self):
        for combo in product(*self.axes):
            yield list(combo)

    def __getitem__(self, index: int) -> list:
        index = int(index)
        # not len(self): __len__ cannot return more than sys.maxsize
        if not 0 <= index < math.prod(len(a) for a in self.axes):
            raise IndexError(f"grid index {index} out of range")
        point = []
        for axis in reversed(self.axes):
            index, r = divmod(index, len(axis))
            point.append(axis[r])
        return point[::-1]
