"""Fixtures: the two relocation schemes and records built from the spec's County A."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from assesskit import Scheme
from assesskit_relocation.schemes import COUNTY_A_PREFECTURE, county, prefecture

Record = Callable[..., dict[str, Any]]


def county_a(**changes: Any) -> dict[str, Any]:
    """County A of the worked example, prefecture stage (87.56, fairly_good), with *changes*."""
    record = dict(COUNTY_A_PREFECTURE)
    record.update(changes)
    return record


def uniform(
    entity: str,
    percent: int,
    relocated: int,
    *,
    parent: str = "P",
    stage: str = "prefecture",
    assessed_on: str = "2025-02-25",
    year: int = 2024,
) -> dict[str, Any]:
    """A record whose every area attains *percent* %, so its total is *percent*.

    ``relocated`` households, of which ``relocated × percent / 100`` are
    eligible (whole when *relocated* is a multiple of 100, or 0: the area
    then does not apply and the others, all at *percent*, are rescaled).
    """
    return {
        "entity_id": entity,
        "parent_id": parent,
        "year": year,
        "stage": stage,
        "assessed_on": assessed_on,
        "eligible_households": relocated * percent // 100,
        "relocated_households": relocated,
        "construction_rating": percent,
        "moved_in_households": percent,
        "housing_completed_households": 100,
        "poverty_exit_rating": percent,
        "demolished_houses": percent,
        "demolition_due_houses": 100,
        "funds_rating": percent,
        "leadership_rating": percent,
        "responsibility_rating": percent,
        "archives_rating": percent,
    }


@pytest.fixture(scope="session")
def county_scheme() -> Scheme:
    """``relocation.county`` with default parameters."""
    return county()


@pytest.fixture(scope="session")
def prefecture_scheme() -> Scheme:
    """``relocation.prefecture`` with default parameters."""
    return prefecture()


@pytest.fixture
def make_county_a() -> Record:
    """County A's prefecture-stage record with some fields changed."""
    return county_a


@pytest.fixture
def make_uniform() -> Record:
    """A record whose total is the given percentage (see :func:`uniform`)."""
    return uniform
