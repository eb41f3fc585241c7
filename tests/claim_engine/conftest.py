from __future__ import annotations

from pathlib import Path

import pytest

# The shared folder lives beside the checkout; a fresh machine has none, and tests that need it skip.
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED
