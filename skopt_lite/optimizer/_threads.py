"""Run small dense linear algebra on one BLAS thread.

With several BLAS threads, the small matrices of a Gaussian process and SciPy's
L-BFGS-B run several times slower than on one. ``threadpool_limits(1)``
rediscovers the loaded libraries on every call (about 2 ms); the controller is
therefore created once per owning object and kept on it, never at module level.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

from threadpoolctl import ThreadpoolController

_ATTR = "_threadpool_controller"
# BLAS thread limits are process-wide, so optimisers running in several threads
# take turns: each limit then restores exactly what the user had. (Overlapping
# limits restored each other's "1" and left the process on one BLAS thread for
# good; switching the count while another thread computes also made results
# differ in the last digits.) A lock, not state: nothing else is kept here.
_LOCK = threading.RLock()


def single_threaded(owner: object):
    """Context manager limiting BLAS/OpenMP pools to one thread.

    Parameters
    ----------
    owner : object
        The object that keeps the :class:`threadpoolctl.ThreadpoolController`
        between calls (in its ``__dict__``; see :func:`drop_controller`).

    Returns
    -------
    context : context manager
    """
    controller = owner.__dict__.get(_ATTR)
    if controller is None:
        controller = ThreadpoolController()
        owner.__dict__[_ATTR] = controller
    return _one_at_a_time(controller)


@contextmanager
def _one_at_a_time(controller: ThreadpoolController):
    with _LOCK, controller.limit(limits=1):
        yield


def drop_controller(state: dict) -> dict:
    """Return ``state`` (an object's ``__dict__``) without the controller, for pickling."""
    if _ATTR in state:
        state = dict(state)
        del state[_ATTR]
    return state
