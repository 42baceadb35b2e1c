"""Helpers shared by the emulator's service modules."""

from __future__ import annotations

import string
from typing import Any, Iterator

from moto.moto_api._internal import mock_random as random


def _hex(n: int) -> str:
    return "".join(random.choice(string.hexdigits.lower()[:16]) for _ in range(n))


def _all_backends(backend_dict: Any, region: str | None = None) -> Iterator[Any]:
    """Yield existing backends of every account (optionally only one region).

    moto keeps one backend per account+region; cross-account features need to
    look at the other accounts' backends.  Never creates new backends.
    """
    for account_id in list(backend_dict.keys()):
        per_account = backend_dict[account_id]
        for reg in list(dict.keys(per_account)):
            if region is None or reg == region:
                yield dict.__getitem__(per_account, reg)


def _register(urls_module: Any, paths: dict[str, Any]) -> None:
    urls_module.url_paths.update(paths)
