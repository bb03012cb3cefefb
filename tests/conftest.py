"""Shared fixtures. Tests that need ../shared fail (not skip) when CI=true."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.json"
DEMO = ROOT / "examples" / "corpus"


def _need(path: Path) -> Path:
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing: CI must run with ../shared beside the repo")
        pytest.skip(f"{path} not available")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return _need(SEEDS)


@pytest.fixture(scope="session")
def seeds_gold() -> dict:
    return json.loads(_need(GOLD).read_text())


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    return _need(DEMO)
