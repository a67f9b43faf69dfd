"""Check profiles: how hard the invariant checks look for a counterexample."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    import hypothesis

__all__ = ["PROFILES", "Profile", "get_profile"]


@attrs.frozen
class Profile:
    """How many examples each invariant tries, and how large batches are.

    ``probe_examples`` is how many base records the batch check moves
    through every probe value (each a batch of some tens to hundreds of
    records).

    ``fast`` (the default) keeps a scheme's checks to a few seconds on a CI
    machine with 2 cores (4 on average for the shipped schemes); ``thorough``
    tries 13 times as many records, in batches five times as large, with 8
    probe batches instead of 1, and takes about 22 times as long (measured
    with ``benchmarks/check_profiles.py``; see the testing guide), for a
    release or after changing a scheme.
    """

    name: str
    max_examples: int
    batch_size: int
    probe_examples: int = 1

    def settings(self) -> hypothesis.settings:
        """Hypothesis settings for this profile, on top of the active Hypothesis profile."""
        from hypothesis import HealthCheck, Phase, settings

        return settings(
            max_examples=self.max_examples,
            # Not Phase.explain: its report names lines of assesskit, and it doubles the
            # time a failure takes to report.
            phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
            deadline=None,  # scoring time varies with the record; no flaky timeouts
            report_multiple_bugs=False,  # one clear counterexample, not an exception group
            suppress_health_check=[
                HealthCheck.too_slow,
                HealthCheck.filter_too_much,
                HealthCheck.data_too_large,
            ],
        )


#: The profiles by name.
PROFILES: dict[str, Profile] = {
    "fast": Profile("fast", max_examples=30, batch_size=6, probe_examples=1),
    "thorough": Profile("thorough", max_examples=400, batch_size=30, probe_examples=8),
}


def get_profile(profile: str | Profile) -> Profile:
    """The profile named *profile* (a :class:`Profile` is returned as it is)."""
    if isinstance(profile, Profile):
        return profile
    try:
        return PROFILES[profile]
    except KeyError:
        known = ", ".join(PROFILES)
        raise ValueError(f"unknown check profile {profile!r} (known: {known})") from None
