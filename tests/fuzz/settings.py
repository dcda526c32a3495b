"""One hypothesis setting for the fuzz suite: bounded and derandomized in the normal run (reproducible, the whole
suite well under a minute), 50 times the examples with fresh random seeds in the long run::

    HYPOTHESIS_PROFILE=long python -m pytest tests/fuzz -q      # about 50× the examples; random each time

Each test names its normal example count; the profile scales it. (Loaded per test, not as hypothesis's global
profile: the other property tests of the suite keep their own settings.)
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
if PROFILE not in ("ci", "long"):
    raise ValueError(f"HYPOTHESIS_PROFILE must be ci or long, not {PROFILE!r}")
SCALE = 50 if PROFILE == "long" else 1


def fuzz(examples: int) -> settings:
    """``examples`` generated inputs (×50 in the long run); no per-example deadline (real parsers, a real index:
    timing is the benchmarks' business), no "explain" phase (slow, and its imports warn under -W error)."""
    return settings(max_examples=examples * SCALE, deadline=None, derandomize=PROFILE == "ci", database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large, HealthCheck.filter_too_much],
                    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink])


__all__ = ["PROFILE", "SCALE", "fuzz"]
