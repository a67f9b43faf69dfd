"""``python -m assesskit``: the ``assesskit`` command line."""

from assesskit.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
