"""Every tunable of unkg in one table: name, default, help.

A setting is read from the environment as ``UNKG_<NAME>`` (upper case), else its default.

>>> SETTINGS["base_iri"].default
'https://w3id.org/unkg/'
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

__all__ = ["Setting", "SETTINGS", "get", "default_store_path"]


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str

    @property
    def env(self) -> str:
        return "UNKG_" + self.name.upper()


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in [
        Setting("base_iri", "https://w3id.org/unkg/", "Base IRI under which entities and graphs are minted."),
        Setting(
            "store",
            str(Path(platformdirs.user_data_dir("unkg")) / "store"),
            "Path of the persistent graph store used when --store is not given.",
        ),
    ]
}


def get(name: str) -> str:
    """The value of setting ``name``: the environment's ``UNKG_NAME`` or the default."""
    setting = SETTINGS[name]
    return os.environ.get(setting.env, setting.default)


def default_store_path() -> Path:
    return Path(get("store"))
