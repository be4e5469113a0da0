"""Shared test configuration: hypothesis profiles and a headless matplotlib.

Hypothesis profiles
-------------------
``ci`` (the default; always used when the ``CI`` environment variable is set)
    Bounded and derandomised: the same examples on every run, no deadline
    (timings on shared CI machines are noisy), and a reproduction blob printed
    for any failure.
``dev``
    Many more, random examples, for hunting bugs locally::

        HYPOTHESIS_PROFILE=dev python -m pytest tests

A failure prints a ``@reproduce_failure`` blob; paste it above the test to
replay that exact example.

Threads
-------
BLAS / OpenMP run single-threaded during the tests: the tests fit many tiny
models, where thread start-up costs more than it saves (scikit-learn's
estimator checks run about three times faster on two cores).
"""

import os

import pytest
from hypothesis import HealthCheck, Phase, settings
from threadpoolctl import threadpool_limits

settings.register_profile(
    "ci",
    max_examples=30,
    derandomize=True,
    deadline=None,
    print_blob=True,
    database=None,
    # The explain phase re-runs failing examples many times; a CI log needs
    # only the minimal example and its blob.
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "dev",
    max_examples=500,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)

if os.environ.get("CI"):
    settings.load_profile("ci")
else:
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or "ci")

try:  # plots (if any test draws them) must never need a display
    import matplotlib
except ImportError:  # matplotlib is optional
    pass
else:
    matplotlib.use("Agg")


@pytest.fixture(autouse=True, scope="session")
def _single_threaded_blas():
    with threadpool_limits(limits=1):
        yield
