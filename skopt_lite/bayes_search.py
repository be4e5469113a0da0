"""BayesSearchCV: sequential model-based search, a drop-in for scikit-optimize's."""

from __future__ import annotations

import numbers
import os
import time
import warnings
from collections import Counter
from collections.abc import Mapping

import numpy as np
from sklearn.utils import check_random_state

from . import _checkpoint
from ._base import _ATTRIBUTES_DOC, _COMMON_DOC, as_subspaces
from ._sequential import Run, SequentialSearchCV, check_optimizer_kwargs, show_params
from ._sklearn import BaseSearchCV, Interval
from ._validation import is_int
from .optimizer import Optimizer
from .space import Space

_VERBOSE_DOC = "        Verbosity; scikit-learn's messages."
_BAYES_COMMON_DOC = _COMMON_DOC.replace(
    _VERBOSE_DOC,
    "        Verbosity. 1 prints one line per batch (evaluations so far, best score\n"
    "        so far); 2 and more print one line per evaluated candidate instead (its\n"
    "        parameters, mean test score -- of the ``refit`` metric when there are\n"
    "        several -- and the best score so far). scikit-learn's own messages are\n"
    "        printed as in its searches (per batch from 1, per fit from 2).",
)


class _Run(Run):
    """What one ``fit`` of BayesSearchCV keeps while it runs, never left on the estimator."""

    def __init__(self, callbacks, resume_from, data):
        super().__init__(callbacks, resume_from, data)
        self.spaces: list[Space] = []
        self.optimizers: list[Optimizer] = []
        self.seeds: list[int] = []


class BayesSearchCV(SequentialSearchCV):
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

    _progress_name = "BayesSearchCV"
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
        kwargs = check_optimizer_kwargs(self.optimizer_kwargs, "BayesSearchCV")
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
    def fit(self, X, y=None, *, callback=None, resume_from=None, **params) -> BayesSearchCV:
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
        return self._fit_run(_Run, X, y, callback, resume_from, params)

    def _range_list_entries(self) -> list[tuple]:
        entries = self._space_entries()
        found = []
        for i, (sub, _) in enumerate(entries):
            if isinstance(self.search_spaces, Mapping):
                where = "search_spaces"
            else:
                tupled = isinstance(self.search_spaces[i], tuple)
                where = f"search_spaces[{i}]" + ("[0]" if tupled else "")
            found.append((where, sub))
        return found

    # -- checkpoints ----------------------------------------------------------------
    def _searched_names(self) -> set:
        return {name for space in self._run.spaces for name in space.names}

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
        self._check_made_for(state, where)
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
            entry = {"subspace": k, "batch": batch, "point": point}
            log.add({**entry, "params": run.spaces[k].to_dict(point)}, out)
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
        return [{k: v for k, v in e.items() if k != "out"} for e in again]

    # -- the search loop --------------------------------------------------------------
    def _run_search(self, evaluate_candidates, callback_ctx=None):
        run = self._run
        self._start_deadline()
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
        for e in log.entries + again:
            done[e["subspace"]] += 1
        batch_id = 1 + max((e["batch"] for e in again), default=-1)
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
                    batch = [
                        {
                            "subspace": k,
                            "batch": batch_id,
                            "point": p,
                            "params": run.spaces[k].to_dict(p),
                        }
                        for p in points
                    ]
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
        self._format_log()

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
        return self._past_deadline(view) or stop

    def _print_candidates(self, n_new: int) -> None:
        """One line per candidate of the last batch: parameters, score, best so far."""
        entries = self._run.log.entries
        best = np.nan
        for i, entry in enumerate(entries):
            score = self._objective(entry["out"])
            if np.isfinite(score) and not score <= best:
                best = score
            if i >= len(entries) - n_new:
                print(
                    f"[BayesSearchCV] {i + 1}/{self.total_iterations}"
                    f" {show_params(entry['params'])} -> score {score:.6g} (best {best:.6g})"
                )
