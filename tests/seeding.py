"""The one seed of every random test: fixed by default, so two runs try the same cases.

``DVCLI_TEST_SEED=N .venv/bin/pytest …`` repeats (or varies) a run: Hypothesis gets it as
``--hypothesis-seed`` (tests/conftest.py) and the random kill test as its ``random.Random`` seed.
The seed is printed in the session header.
"""

from __future__ import annotations

import os

DEFAULT_SEED = 20210915  # the date of Kế hoạch 16-KH/BDVTW
SEED = int(os.environ.get("DVCLI_TEST_SEED") or DEFAULT_SEED)
