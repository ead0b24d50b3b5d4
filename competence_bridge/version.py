"""The installed package's version, read only when asked (``importlib.metadata`` costs ~25 ms to import)."""

from __future__ import annotations

from functools import cache


@cache
def package_version() -> str:
    """The version of the installed ``competence-bridge`` distribution; ``0+unknown`` in a bare checkout.

    >>> package_version().count(".") >= 1 or package_version() == "0+unknown"
    True
    """
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("competence-bridge")
    except PackageNotFoundError:
        return "0+unknown"
