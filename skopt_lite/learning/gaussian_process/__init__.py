"""Gaussian-process regression: scikit-optimize's ``skopt.learning.gaussian_process``.

:class:`GaussianProcessRegressor` is scikit-learn's, with scikit-optimize's
``noise`` parameter; :mod:`.kernels` holds the kernels.
"""

from .gpr import GaussianProcessRegressor

__all__ = ["GaussianProcessRegressor"]
