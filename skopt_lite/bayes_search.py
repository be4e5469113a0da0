"""BayesSearchCV: sequential model-based search, a drop-in for scikit-optimize's."""

from __future__ import annotations

import hashlib
import inspect
import math
import numbers
import os
import time
import warnings
from collections import Counter
from collections.abc import Mapping

import numpy as np
from sklearn.base import is_classifier
from sklearn.exceptions import FitFailedWarning
from sklearn.model_selection import check_cv
from sklearn.utils import check_random_state

from . import _checkpoint
from ._base import _ATTRIBUTES_DOC, _COMMON_DOC, as_subspaces
from ._sklearn import (
    NON_FINITE_SCORES,
    BaseSearchCV,
    Interval,
    SearchCV,
    all_fits_failed,
    failed_fit_errors,
)
from ._validation import is_int
from .callbacks import DeadlineStopper, check_callback
from .optimizer import Optimizer
from .space import Space, skopt_range_lists, skopt_range_message

_RESERVED_OPTIMIZER_KWARGS = {"dimensions", "random_state"}
# What a checkpoint records of the search it was made for, with the words
# that name each item when a resume is refused.
_MADE_FOR = {
    "scoring": "the scoring",
    "return_train_score": "return_train_score",
    "cv": "the cross-validation splits",
    "estimator": "the estimator's parameters outside search_spaces",
    "X": "the data X",
    "y": "the targets y",
    "params": "the parameters passed to fit",
}
_VERBOSE_DOC = "        Verbosity; scikit-learn's messages."
_BAYES_COMMON_DOC = _COMMON_DOC.replace(
    _VERBOSE_DOC,
    "        Verbosity. 1 prints one line per batch (evaluations so far, best score\n"
    "        so far); 2 and more print one line per evaluated candidate instead (its\n"
    "        parameters, mean test score -- of the ``refit`` metric when there are\n"
    "        several -- and the best score so far). scikit-learn's own messages are\n"
    "        printed as in its searches (per batch from 1, per fit from 2).",
)


class _Log:
    """Every evaluation of a search in order: where it came from and its fold results.

    scikit-learn builds ``cv_results_`` only from the candidates evaluated by
    ``evaluate_candidates`` in the current ``fit``. The log also keeps
    evaluations read from a checkpoint and batches in which every fit failed
    (scikit-learn raises for those instead of recording them), so that
    ``cv_results_`` holds them all.
    """

    def __init__(self):
        self.entries: list[dict] = []  # subspace, batch, point, params, out
        self.n_from_sklearn = 0  # candidates seen in evaluate_candidates' output
        self.n_splits: int | None = None
        self.kind: tuple | None = None  # metric names and train scores (score_kind)
        self.pending: list[tuple] = []  # (subspace, batch, point, params) in evaluation

    def add(self, subspace, batch, point, params, out):
        if self.n_splits is None:
            self.n_splits = len(out)
        elif len(out) != self.n_splits:
            raise ValueError(
                f"the checkpoint was made with {self.n_splits} cross-validation splits,"
                f" but this search uses {len(out)}; resume with the same cv."
            )
        kind = _checkpoint.score_kind(out)
        if self.kind is None:
            self.kind = kind
        elif kind != self.kind:
            raise ValueError(
                f"the checkpoint holds scores {self.kind} (metrics, training scores), but"
                f" this search gives {kind}; resume with the same scoring and"
                " return_train_score."
            )
        self.entries.append(
            {"subspace": subspace, "batch": batch, "point": point, "params": params, "out": out}
        )

    def absorb(self, candidate_params, n_splits, out) -> list[list[dict]]:
        """Record the new tail of ``evaluate_candidates``' output; return its fold results."""
        new = len(candidate_params) - self.n_from_sklearn
        if new != len(self.pending):  # pragma: no cover - guards the bookkeeping
            raise RuntimeError("BayesSearchCV lost track of its pending candidates")
        start = self.n_from_sklearn * n_splits
        outs = []
        for i, (subspace, batch, point, params) in enumerate(self.pending):
            fold_out = list(out[start + i * n_splits : start + (i + 1) * n_splits])
            self.add(subspace, batch, point, params, fold_out)
            outs.append(fold_out)
        self.n_from_sklearn = len(candidate_params)
        self.pending = []
        return outs

    def flatten(self):
        params = [e["params"] for e in self.entries]
        out = [fold for e in self.entries for fold in e["out"]]
        return params, out


class _Run:
    """What one ``fit`` of BayesSearchCV keeps while it runs, never left on the estimator."""

    def __init__(self, callbacks, resume_from, data):
        self.callbacks = callbacks
        self.resume_from = resume_from
        self.data = data  # (X, y, params), for the checkpoint's fingerprints
        self.made_for: dict | None = None  # computed when first needed
        self.log = _Log()
        self.spaces: list[Space] = []
        self.optimizers: list[Optimizer] = []
        self.seeds: list[int] = []
        self.results: dict | None = None  # the dict scikit-learn keeps as cv_results_
        self.fit_errors: Counter = Counter()  # error text -> failed fits, this fit
        self.n_fits = 0  # fits run in this fit
        self.last_failure: BaseException | None = None
        self.deadline: DeadlineStopper | None = None  # from the timeout parameter


class BayesSearchCV(SearchCV):
    __doc__ = f"""Bayesian optimisation of hyperparameters over cross-validated scores.

    Candidates are proposed one batch at a time by an :class:`~skopt_lite.Optimizer`
    (a Gaussian process on the unit cube of the space and an acquisition
    function), evaluated with scikit-learn's cross-validation, and told back.
    Code written for scikit-optimize's ``BayesSearchCV`` runs unchanged; a
    list of two numbers such as ``[1, 10]``, which scikit-optimize read as a
    range, is two choices here, and ``fit`` warns about it (write
    ``Integer(1, 10)`` or ``(1, 10)`` for the range, ``Categorical([1, 10])``
    for the choices).

    Unlike scikit-optimize it never evaluates a candidate twice, stops early
    (with a warning) when a finite space is exhausted, keeps optimising when
    fits fail (failed candidates score ``error_score`` and the optimiser steers
    away from them; a batch whose fits all fail does not end the search), and
    gives the same candidates for the same ``random_state`` whatever ``n_jobs``.

    Parameters
    ----------
    estimator : estimator object
        The estimator to tune (any scikit-learn compatible estimator or Pipeline).
    search_spaces : dict, list of dict, or list of dict and (dict, int) tuples
        Parameter names mapped to :class:`~skopt_lite.Real`,
        :class:`~skopt_lite.Integer`, :class:`~skopt_lite.Categorical`, lists of
        choices, or scikit-optimize's shorthand tuples ``(low, high)`` and
        ``(low, high, prior)`` (a range: ``Integer`` when both ends are ints,
        else ``Real``). A list searches each subspace in turn, each for
        ``n_iter`` evaluations, or for ``n`` when given as ``(dict, n)``.
    optimizer_kwargs : dict or None, default=None
        Arguments of :class:`~skopt_lite.Optimizer`: ``base_estimator``
        (``"GP"``, ``"RF"``, ``"ET"``, ``"GBRT"``, ``"DUMMY"`` or a regressor),
        ``n_initial_points``, ``initial_point_generator``, ``n_jobs``,
        ``acq_func``, ``acq_optimizer``, ``model_queue_size``,
        ``acq_func_kwargs``, ``acq_optimizer_kwargs`` (and scikit-optimize's
        ``n_random_starts``, ``space_constraint``, ``avoid_duplicates``).
    n_iter : int, default=50
        Evaluations per subspace given as a plain dict.
{_BAYES_COMMON_DOC}
    n_points : int, default=1
        Candidates proposed per batch and evaluated in parallel (each batch
        runs ``n_points * n_splits`` fits). Counts against ``n_iter``.
    random_state : int, RandomState instance or None, default=None
        Seed of the optimiser.
    timeout : float or None, default=None
        Seconds the search may take (the refit not counted). After each
        batch the search stops if the time left is shorter than that batch
        took, so it overruns ``timeout`` by at most one batch, as
        :class:`~skopt_lite.callbacks.DeadlineStopper` does. None (or
        ``inf``) for no limit. Not recorded in checkpoints: a resumed search
        has its own ``timeout``.

    Attributes
    ----------{_ATTRIBUTES_DOC}
    optimizer_results_ : list of OptimizeResult
        One per subspace: ``x`` (best point, as a list ordered like
        ``space.names``), ``fun`` (its ``-score``), ``func_vals`` (every
        ``-score``), ``x_iters`` (every point), ``space``, ``models`` (the
        fitted surrogates, the last ``model_queue_size`` of them: 1 unless
        ``optimizer_kwargs`` sets it).
    total_iterations : int
        Number of evaluations the search is allowed (available before fit).

    See Also
    --------
    skopt_lite.Optimizer : the ask/tell optimiser behind this search.
    skopt_lite.callbacks : stopping rules and checkpoints.

    Examples
    --------
    >>> from sklearn.datasets import load_iris
    >>> from sklearn.svm import SVC
    >>> from skopt_lite import BayesSearchCV
    >>> X, y = load_iris(return_X_y=True)
    >>> search = BayesSearchCV(
    ...     SVC(),
    ...     {{"C": (1e-3, 1e3, "log-uniform"), "kernel": ["linear", "rbf"]}},
    ...     n_iter=12,
    ...     cv=3,
    ...     random_state=0,
    ... ).fit(X, y)
    >>> len(search.cv_results_["params"])
    12
    >>> bool(search.best_score_ > 0.9)
    True
    """

    _parameter_constraints: dict = {
        **BaseSearchCV._parameter_constraints,
        "search_spaces": [dict, list],
        "optimizer_kwargs": [dict, None],
        "n_iter": [Interval(numbers.Integral, 1, None, closed="left")],
        "n_points": [Interval(numbers.Integral, 1, None, closed="left")],
        "random_state": ["random_state"],
        "timeout": [Interval(numbers.Real, 0, None, closed="right"), None],
    }

    def __init__(
        self,
        estimator,
        search_spaces,
        optimizer_kwargs=None,
        n_iter=50,
        scoring=None,
        n_jobs=None,
        n_points=1,
        refit=True,
        cv=None,
        verbose=0,
        pre_dispatch="2*n_jobs",
        random_state=None,
        error_score=np.nan,
        return_train_score=False,
        timeout=None,
    ):
        super().__init__(
            estimator=estimator,
            scoring=scoring,
            n_jobs=n_jobs,
            refit=refit,
            cv=cv,
            verbose=verbose,
            pre_dispatch=pre_dispatch,
            error_score=error_score,
            return_train_score=return_train_score,
        )
        self.search_spaces = search_spaces
        self.optimizer_kwargs = optimizer_kwargs
        self.n_iter = n_iter
        self.n_points = n_points
        self.random_state = random_state
        self.timeout = timeout

    # -- the user's space ---------------------------------------------------------
    def _space_entries(self) -> list[tuple]:
        """``(dict, n_iter)`` per subspace, without reading the dimensions."""
        spaces = self.search_spaces
        if isinstance(spaces, Mapping):
            return [(spaces, self.n_iter)]
        if not isinstance(spaces, (list, tuple)):
            raise TypeError(
                f"search_spaces must be a dict or a list of dicts, got {spaces!r} of"
                f" type {type(spaces).__name__}."
            )
        if len(spaces) == 0:
            raise ValueError("search_spaces is an empty list; give at least one dict.")
        entries = []
        for i, entry in enumerate(spaces):
            if isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], Mapping):
                sub, n = entry
                if not is_int(n) or n < 1:
                    raise ValueError(
                        f"search_spaces[{i}] gives n_iter={n!r}; it must be a positive integer."
                    )
                entries.append((sub, int(n)))
            elif isinstance(entry, Mapping):
                entries.append((entry, self.n_iter))
            else:
                raise TypeError(
                    f"search_spaces[{i}] must be a dict or a (dict, n_iter) tuple, got"
                    f" {entry!r}."
                )
        return entries

    @property
    def total_iterations(self) -> int:
        """Number of evaluations the search is allowed: the sum of every subspace's n_iter."""
        return sum(n for _, n in self._space_entries())

    def _make_optimizers(self, spaces: list[Space], seeds: list[int]) -> list[Optimizer]:
        kwargs = dict(self.optimizer_kwargs or {})
        accepted = set(inspect.signature(Optimizer).parameters) - _RESERVED_OPTIMIZER_KWARGS
        unknown = sorted(set(kwargs) - accepted, key=str)
        if unknown:
            hint = ""
            if set(unknown) & _RESERVED_OPTIMIZER_KWARGS:
                hint = " Set random_state on BayesSearchCV; the space is search_spaces."
            raise ValueError(
                f"optimizer_kwargs has unknown keys {unknown}; accepted keys are"
                f" {sorted(accepted)}.{hint}"
            )
        for i, space in enumerate(spaces):
            if space.n_dims == 0:
                where = "search_spaces" if len(spaces) == 1 else f"search_spaces[{i}]"
                raise ValueError(
                    f"{where} is an empty dict; BayesSearchCV needs at least one"
                    " parameter to search."
                )
        return [
            Optimizer(space, random_state=np.random.RandomState(seed), **kwargs)
            for space, seed in zip(spaces, seeds)
        ]

    # -- fitting ------------------------------------------------------------------
    def fit(self, X, y=None, *, callback=None, resume_from=None, **params):
        """Run the search, then refit the best candidate.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,) or (n_samples, n_outputs), default=None
            Targets; None for unsupervised learning.
        callback : callable, list of callables or None, default=None
            Called with the current subspace's OptimizeResult after every
            batch; returning True ends the whole search. See
            :mod:`skopt_lite.callbacks`.
        resume_from : str, path-like or None, default=None
            A checkpoint written by :class:`~skopt_lite.callbacks.CheckpointSaver`.
            Its evaluations are read back, not re-run, and the search goes on
            until ``n_iter`` evaluations per subspace, proposing exactly what
            a search that never stopped would have. The checkpoint must have
            been made for the same search: the same space, scoring,
            ``return_train_score``, cross-validation splits, estimator
            parameters outside the space, data and fit parameters (a
            ValueError names what differs). A missing file starts a new
            search, so one script can be rerun after a crash.
        **params : dict
            Passed to the estimator's ``fit``, the scorer and the splitter, as
            in scikit-learn (e.g. ``groups``, ``sample_weight``).

        Returns
        -------
        self : BayesSearchCV
        """
        callbacks = check_callback(callback)
        if resume_from is not None and not isinstance(resume_from, (str, os.PathLike)):
            raise TypeError(f"resume_from must be a path, got resume_from={resume_from!r}.")
        self._warn_skopt_range_lists()
        self._run = _Run(callbacks, resume_from, (X, y, params))
        try:
            return super().fit(X, y, **params)
        finally:
            del self._run

    def _warn_skopt_range_lists(self) -> None:
        """One UserWarning for the lists of two numbers that scikit-optimize read as ranges."""
        try:
            entries = self._space_entries()
        except (TypeError, ValueError):
            return  # fit reports the malformed search_spaces
        found = []
        for i, (sub, _) in enumerate(entries):
            if isinstance(self.search_spaces, Mapping):
                where = "search_spaces"
            else:
                tupled = isinstance(self.search_spaces[i], tuple)
                where = f"search_spaces[{i}]" + ("[0]" if tupled else "")
            found += [(f"{where}[{k!r}]", sub[k]) for k in skopt_range_lists(sub)]
        if found:
            warnings.warn(skopt_range_message(found), UserWarning, stacklevel=3)

    def _all_evaluations(self, candidate_params, n_splits, out):
        run = self._run
        for fold_out in run.log.absorb(candidate_params, n_splits, out):
            run.n_fits += len(fold_out)
            run.fit_errors.update(
                f["fit_error"].rstrip("\n") for f in fold_out if f.get("fit_error") is not None
            )
        return run.log.flatten()

    def _format(self, candidate_params, n_splits, out, more_results=None) -> dict:
        results = super()._format(candidate_params, n_splits, out, more_results)
        self._run.results = results
        return results

    def _objective(self, out: list[dict]) -> float:
        """Mean test score over the folds of one candidate (nan if any failed)."""
        scores = [fold["test_scores"] for fold in out]
        if isinstance(scores[0], dict):
            key = self.refit if isinstance(self.refit, str) and self.refit in scores[0] else None
            key = key or next(iter(scores[0]))
            scores = [s[key] for s in scores]
        with np.errstate(invalid="ignore", over="ignore"):
            return float(np.mean(np.asarray(scores, dtype=float)))

    def _failed_outs(self, log: _Log, n_candidates: int, n_fits: int, error: str):
        """Fold results for a batch whose fits all failed, shaped like real ones."""
        n_splits = log.n_splits or getattr(self, "n_splits_", None) or n_fits // n_candidates
        template = log.entries[-1]["out"][0] if log.entries else None
        if template is not None and isinstance(template["test_scores"], dict):
            score = dict.fromkeys(template["test_scores"], self.error_score)
        elif isinstance(self.scoring, (list, tuple, dict)):
            score = dict.fromkeys(self.scoring, self.error_score)
        else:
            score = self.error_score
        fold = {
            "fit_error": error,
            "test_scores": score,
            "n_test_samples": 0,
            "fit_time": np.nan,
            "score_time": np.nan,
        }
        if self.return_train_score:
            fold["train_scores"] = score
        if template is not None:
            fold = {k: fold.get(k, template[k]) for k in template}
        return [[dict(fold) for _ in range(n_splits)] for _ in range(n_candidates)]

    def _evaluate_batch(self, evaluate_candidates, batch, ctx) -> bool:
        """Evaluate one batch into the log; False when all its fits failed.

        scikit-learn's warnings about failed fits and non-finite scores are
        held back: the search reports them once, at its end.
        """
        run = self._run
        run.log.pending = list(batch)
        candidates = [params for *_, params in batch]
        try:
            with self._batch_context(ctx, len(batch)) as batch_ctx, warnings.catch_warnings():
                warnings.simplefilter("ignore", FitFailedWarning)
                warnings.filterwarnings("ignore", NON_FINITE_SCORES, UserWarning)
                if batch_ctx is None:
                    evaluate_candidates(candidates)
                else:
                    evaluate_candidates(candidates, callback_ctx=batch_ctx)
            return True
        except ValueError as exc:
            n_fits = all_fits_failed(exc)
            if self.error_score == "raise" or n_fits is None:
                raise
            errors = failed_fit_errors(exc)
            run.fit_errors.update(errors)
            run.n_fits += n_fits
            outs = self._failed_outs(run.log, len(batch), n_fits, next(iter(errors)))
            for (subspace, b, point, params), out in zip(batch, outs):
                run.log.add(subspace, b, point, params, out)
            run.log.pending = []
            run.last_failure = exc
            return False

    def _warn_failures(self) -> None:
        """One FitFailedWarning for the whole search, each distinct error shown once."""
        run = self._run
        if not run.fit_errors:
            return
        line = "-" * 80
        details = "\n".join(
            f"{line}\n{n} fits failed with the following error:\n{error}"
            for error, n in run.fit_errors.items()
        )
        warnings.warn(
            f"\n{sum(run.fit_errors.values())} fits failed out of a total of {run.n_fits}"
            f" in this search. Their candidates score error_score={self.error_score}, and"
            " the optimiser learns them as worse than every other candidate. If these"
            " failures are not expected, set error_score='raise' to debug them.\n\n"
            f"Below are more details about the failures:\n{details}",
            FitFailedWarning,
            stacklevel=3,
        )

    # -- checkpoints ----------------------------------------------------------------
    def _made_for(self) -> dict:
        """What the search is made for, as a checkpoint records it (computed once a fit)."""
        run = self._run
        if run.made_for is None:
            X, y, params = run.data
            searched = {name for space in run.spaces for name in space.names}
            fixed = {
                name: _checkpoint.describe_value(value)
                for name, value in sorted(self.estimator.get_params(deep=True).items())
                if name not in searched and not _holds_estimator(value)
            }
            run.made_for = _checkpoint.jsonable(
                {
                    "scoring": _checkpoint.describe_scoring(self.scoring),
                    "return_train_score": bool(self.return_train_score),
                    "cv": self._describe_splits(X, y, params),
                    "estimator": fixed,
                    "X": _checkpoint.fingerprint(X),
                    "y": _checkpoint.fingerprint(y),
                    "params": {k: _checkpoint.fingerprint(v) for k, v in sorted(params.items())},
                }
            )
        return run.made_for

    def _describe_splits(self, X, y, params):
        """The number of splits and a hash of their indices (None for a one-shot iterator)."""
        cv = self.cv
        if not (
            cv is None
            or isinstance(cv, numbers.Integral)
            or hasattr(cv, "split")
            or isinstance(cv, (list, tuple))
        ):
            return None  # reading a generator would use it up before scikit-learn does
        splitter = check_cv(cv, y, classifier=is_classifier(self.estimator))
        groups = params.get("groups")
        splits = splitter.split(X, y, groups) if groups is not None else splitter.split(X, y)
        h = hashlib.sha1()
        n = 0
        for train, test in splits:
            h.update(np.asarray(train, dtype=np.int64).tobytes() + b"|")
            h.update(np.asarray(test, dtype=np.int64).tobytes() + b";")
            n += 1
        return {"n_splits": n, "sha1": h.hexdigest()}

    def _checkpoint_state(self) -> dict:
        """The search state as JSON data (see :mod:`skopt_lite._checkpoint`)."""
        run = self._run
        spaces = run.spaces
        states = []
        for opt in run.optimizers:
            state = opt._get_state()
            state["rng"] = _checkpoint.encode_rng(opt.rng)
            states.append(state)
        return {
            "spaces": _checkpoint.jsonable([_checkpoint.describe_space(s) for s in spaces]),
            "n_iter": [n for _, n in self._space_entries()],
            "made_for": self._made_for(),
            "seeds": list(run.seeds),
            "optimizers": _checkpoint.jsonable(states),
            "evaluations": [
                {
                    "subspace": e["subspace"],
                    "batch": e["batch"],
                    "point": _checkpoint.encode_point(spaces[e["subspace"]], e["point"]),
                    "out": _checkpoint.jsonable(e["out"]),
                }
                for e in run.log.entries
            ],
        }

    def _read_checkpoint(self, n_iters: list[int]) -> dict | None:
        """The checked contents of ``resume_from``, or None to start a new search.

        Raises
        ------
        ValueError
            If the checkpoint is unreadable, was made for another search, or
            holds more evaluations of a subspace than its ``n_iter`` allows.
        """
        run = self._run
        path = run.resume_from
        if path is None or not os.path.exists(path):
            return None
        where = f"resume_from={os.fspath(path)!r}"
        state = _checkpoint.read(path)
        spaces = run.spaces
        described = _checkpoint.jsonable([_checkpoint.describe_space(s) for s in spaces])
        if state.get("spaces") != described:
            raise ValueError(
                f"{where} was written for another search space; resume with the same"
                " search_spaces, or delete the file to start a new search."
            )
        saved = state.get("made_for")
        if not isinstance(saved, dict):
            raise ValueError(f"{where} is not a valid checkpoint (no 'made_for').")
        now = self._made_for()
        differ = [
            f"{label} {_difference(saved.get(key), now[key])}"
            for key, label in _MADE_FOR.items()
            if saved.get(key) != now[key]
        ]
        if differ:
            raise ValueError(
                f"{where} was made for another search: " + "; ".join(differ) + ". Its"
                " results cannot be mixed with this search's. Resume with the same"
                " settings and data, or delete the file (or pass another resume_from)"
                " to start a new search."
            )
        try:
            if not isinstance(state["evaluations"], list):
                raise TypeError("evaluations must be a list")
            evaluations = [_checkpoint.decode_evaluation(e, spaces) for e in state["evaluations"]]
            seeds = [int(s) for s in state["seeds"]]
            opt_states = list(state["optimizers"])
            for s in opt_states:
                s["rng"] = _checkpoint.decode_rng(s["rng"]).get_state()
        except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"{where} is not a valid checkpoint ({exc!r}).") from exc
        if len(seeds) != len(spaces) or len(opt_states) != len(spaces):
            raise ValueError(f"{where} is not a valid checkpoint.")
        counts = np.bincount([k for k, *_ in evaluations], minlength=len(spaces))
        for k, (count, n_iter) in enumerate(zip(counts, n_iters)):
            if count > n_iter:
                name = "search_spaces" if len(spaces) == 1 else f"search_spaces[{k}]"
                raise ValueError(
                    f"{where} already holds {count} evaluations of {name}, more than its"
                    f" n_iter={n_iter} allows. Resume with n_iter >= {count} to go on"
                    " from it, or delete the file to start a new search."
                )
        return {"evaluations": evaluations, "seeds": seeds, "optimizers": opt_states}

    def _resume(self, saved: dict) -> list[tuple]:
        """Read a checkpoint into the log and the optimisers.

        Returns the batch to evaluate again when the checkpoint leaves nothing
        to evaluate (every ``n_iter`` reached or every space exhausted), since
        scikit-learn needs at least one evaluation in every ``fit``: its last
        batch, whose points the optimisers already know.
        """
        run = self._run
        log = run.log
        for k, batch, point, out in saved["evaluations"]:
            log.add(k, batch, point, run.spaces[k].to_dict(point), out)
        for k, (opt, state) in enumerate(zip(run.optimizers, saved["optimizers"])):
            mine = [e for e in log.entries if e["subspace"] == k]
            if mine:
                opt.tell(
                    [e["point"] for e in mine],
                    [-self._objective(e["out"]) for e in mine],
                    fit=False,
                )
            opt._set_state(state)
        if self.verbose > 0:
            print(f"[BayesSearchCV] resumed {len(log.entries)} evaluations from {run.resume_from}")
        n_iters = [n for _, n in self._space_entries()]
        counts = Counter(e["subspace"] for e in log.entries)
        if not log.entries or any(
            counts[k] < n and not opt.exhausted
            for k, (n, opt) in enumerate(zip(n_iters, run.optimizers))
        ):
            return []
        last = log.entries[-1]["batch"]
        again = [e for e in log.entries if e["batch"] == last]
        del log.entries[-len(again) :]
        return [(e["subspace"], e["batch"], e["point"], e["params"]) for e in again]

    # -- the search loop --------------------------------------------------------------
    def _run_search(self, evaluate_candidates, callback_ctx=None):
        run = self._run
        if self.timeout is not None and math.isfinite(self.timeout):
            run.deadline = DeadlineStopper(self.timeout)
        entries = self._space_entries()
        n_iters = [n for _, n in entries]
        run.spaces = [
            as_subspaces(sub, f"search_spaces[{i}]", tuple_is_range=True)[0]
            for i, (sub, _) in enumerate(entries)
        ]
        saved = self._read_checkpoint(n_iters)
        if saved is not None:
            run.seeds = saved["seeds"]
        else:
            rng = check_random_state(self.random_state)
            run.seeds = [int(s) for s in rng.randint(np.iinfo(np.int32).max, size=len(entries))]
        run.optimizers = self._make_optimizers(run.spaces, run.seeds)
        again = self._resume(saved) if saved is not None else []
        log = run.log

        done = [0] * len(entries)
        for k in [e["subspace"] for e in log.entries] + [k for k, *_ in again]:
            done[k] += 1
        batch_id = 1 + max((b for _, b, *_ in again), default=-1)
        batch_id = max(batch_id, 1 + max((e["batch"] for e in log.entries), default=-1))
        evaluated = False
        start = time.monotonic()
        batch_times = []
        planned = sum(-(-max(n - d, 0) // self.n_points) for d, n in zip(done, n_iters))
        with self._search_context(
            callback_ctx, max_subtasks=planned + bool(again), sequential=True
        ) as ctx:
            if again:
                evaluated = self._evaluate_batch(evaluate_candidates, again, ctx)
            stop = False
            for k, (opt, n_iter) in enumerate(zip(run.optimizers, n_iters)):
                while not stop and done[k] < n_iter:
                    t0 = time.monotonic()
                    points = opt.ask(n_points=min(self.n_points, n_iter - done[k]))
                    if not points:
                        space = run.spaces[k]
                        warnings.warn(
                            f"search_spaces[{k}] has only"
                            # a continuous space runs out when its ranges hold few floats
                            f" {space.size if space.is_finite else done[k]}"
                            " candidates and all"
                            f" were evaluated; this subspace stops after {done[k]} of its"
                            f" {n_iter} iterations.",
                            UserWarning,
                            stacklevel=3,
                        )
                        break
                    batch = [(k, batch_id, p, run.spaces[k].to_dict(p)) for p in points]
                    evaluated = self._evaluate_batch(evaluate_candidates, batch, ctx) or evaluated
                    new = log.entries[-len(points) :]
                    opt.tell(points, [-self._objective(e["out"]) for e in new])
                    done[k] += len(points)
                    batch_id += 1
                    batch_times.append(time.monotonic() - t0)
                    stop = self._after_batch(opt, start, batch_times, len(points))
                if stop:
                    break
        self.optimizer_results_ = [opt.get_result() for opt in run.optimizers]
        self._warn_failures()
        if not evaluated:
            if run.last_failure is not None:
                raise run.last_failure
            raise ValueError(  # pragma: no cover - a continuous space out of floats
                "BayesSearchCV found no candidate to evaluate: every point of"
                " search_spaces was already evaluated."
            )
        # The whole log into the dict scikit-learn keeps as cv_results_, once more
        # with its warnings: batches whose fits all failed after the last
        # successful one are only in the log.
        params, out = log.flatten()
        run.results.update(self._format(params, log.n_splits, out))

    def _after_batch(self, opt, start, batch_times, n_new) -> bool:
        """Report progress, run the callbacks and check the timeout; True means stop."""
        run = self._run
        result = opt.get_result()
        if self.verbose > 1:
            self._print_candidates(n_new)
        elif self.verbose > 0:
            scores = [self._objective(e["out"]) for e in run.log.entries]
            finite = [s for s in scores if np.isfinite(s)]
            best = f"{max(finite):.6g}" if finite else "nan"
            print(
                f"[BayesSearchCV] batch {len(batch_times)}: {len(run.log.entries)}"
                f"/{self.total_iterations} evaluated, best score so far {best}"
            )
        if not run.callbacks and run.deadline is None:
            return False
        view = type(result)(result)
        view["elapsed_time"] = time.monotonic() - start
        view["batch_times"] = list(batch_times)
        view["checkpoint"] = self._checkpoint_state
        stop = False
        for cb in run.callbacks:
            stop = bool(cb(view)) or stop
        if run.deadline is not None and run.deadline(view):
            if self.verbose > 0:
                print(
                    f"[BayesSearchCV] timeout={self.timeout:.6g}s: stopping after"
                    f" {len(run.log.entries)} evaluations ({view['elapsed_time']:.6g}s)"
                )
            stop = True
        return stop

    def _print_candidates(self, n_new: int) -> None:
        """One line per candidate of the last batch: parameters, score, best so far."""
        entries = self._run.log.entries
        best = np.nan
        for i, entry in enumerate(entries):
            score = self._objective(entry["out"])
            if np.isfinite(score) and not score <= best:
                best = score
            if i >= len(entries) - n_new:
                params = ", ".join(f"{k}={_show_value(v)}" for k, v in entry["params"].items())
                print(
                    f"[BayesSearchCV] {i + 1}/{self.total_iterations} {params}"
                    f" -> score {score:.6g} (best {best:.6g})"
                )


def _show_value(value, limit: int = 40) -> str:
    """A parameter value for a progress line: floats to 6 significant digits."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return f"{value:.6g}"
    return _shorten(value, limit)


def _holds_estimator(value) -> bool:
    """Whether a parameter value is an estimator, or a list of (name, estimator) steps."""
    if hasattr(value, "get_params") and not isinstance(value, type):
        return True
    if isinstance(value, (list, tuple)):
        return any(_holds_estimator(v) for v in value)
    return False


def _difference(saved, now) -> str:
    """How a recorded item differs, for an error message: the keys that differ in dicts."""
    if isinstance(saved, dict) and isinstance(now, dict):
        keys = sorted(k for k in set(saved) | set(now) if saved.get(k) != now.get(k))
        shown = ", ".join(
            f"{k} (checkpoint: {_shorten(saved.get(k))}; now: {_shorten(now.get(k))})"
            for k in keys[:3]
        )
        return f"differ in {shown}" + (f" and {len(keys) - 3} more" if len(keys) > 3 else "")
    return f"differ (checkpoint: {_shorten(saved)}; now: {_shorten(now)})"


def _shorten(value, limit: int = 120) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
