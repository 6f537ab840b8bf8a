"""Trained model artifacts: a directory with a manifest, written atomically.

The manifest says what the files are (format version, features version),
what made them (library versions, the training data's hash, the seed) and how
good they were (metrics).  A loader refuses an artifact it cannot trust
rather than tagging with it: another format or features version, another
model name, or a version other than the one asked for.
"""
from __future__ import annotations

import json
import os
import platform
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
PACKAGED = Path(__file__).resolve().parent / "trained"


class ArtifactError(RuntimeError):
    """An artifact that is missing, damaged, or of a version this code cannot use."""


@dataclass(frozen=True)
class Manifest:
    name: str
    version: str
    kind: str  # linear | spacy
    features_version: int
    training_data_hash: str
    libraries: Mapping[str, str] = field(default_factory=dict)
    metrics: Mapping = field(default_factory=dict)
    classes: tuple[str, ...] = ()
    seed: int = 0
    command: str = "gidar train"
    format_version: int = FORMAT_VERSION

    def to_dict(self) -> dict:
        return {"format_version": self.format_version, "name": self.name, "version": self.version,
                "kind": self.kind, "features_version": self.features_version,
                "training_data_hash": self.training_data_hash, "libraries": dict(self.libraries),
                "metrics": dict(self.metrics), "classes": list(self.classes), "seed": self.seed,
                "command": self.command}

    @classmethod
    def from_dict(cls, d: Mapping) -> "Manifest":
        return cls(name=d["name"], version=d["version"], kind=d["kind"],
                   features_version=d["features_version"], training_data_hash=d["training_data_hash"],
                   libraries=d.get("libraries", {}), metrics=d.get("metrics", {}),
                   classes=tuple(d.get("classes", ())), seed=d.get("seed", 0),
                   command=d.get("command", "gidar train"), format_version=d["format_version"])


def library_versions(*names: str) -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version
    out = {"python": platform.python_version()}
    for name in names:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "absent"
    return out


def models_root(models_dir: str | None = None) -> Path:
    return Path(models_dir) if models_dir else PACKAGED


def read_manifest(path: Path) -> Manifest:
    try:
        return Manifest.from_dict(json.loads((path / MANIFEST).read_text(encoding="utf-8")))
    except FileNotFoundError as exc:
        raise ArtifactError(f"no trained model at {path} (run `gidar train`)") from exc
    except (KeyError, ValueError) as exc:
        raise ArtifactError(f"damaged manifest in {path}: {exc}") from exc


def check_manifest(manifest: Manifest, *, name: str, features_version: int,
                   version: str | None = None) -> Manifest:
    if manifest.format_version != FORMAT_VERSION:
        raise ArtifactError(f"model {manifest.name} has format version {manifest.format_version}, "
                            f"this gidar reads {FORMAT_VERSION}; retrain with `gidar train`")
    if manifest.name != name:
        raise ArtifactError(f"expected model {name!r}, found {manifest.name!r}")
    if manifest.features_version != features_version:
        raise ArtifactError(f"model {name} {manifest.version} was trained on features version "
                            f"{manifest.features_version}, this gidar computes {features_version}; retrain")
    if version is not None and manifest.version != version:
        raise ArtifactError(f"model {name} is version {manifest.version}, not the requested {version}")
    return manifest


def write_artifact(target: Path, manifest: Manifest, write_files: Callable[[Path], None]) -> Path:
    """Write into a fresh sibling directory, then swap it in: readers see old or new, never half."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        write_files(tmp)
        (tmp / MANIFEST).write_text(json.dumps(manifest.to_dict(), ensure_ascii=False, indent=2) + "\n",
                                    encoding="utf-8")
        old = None
        if target.exists():
            old = target.with_name(f".{target.name}.old-{os.getpid()}")
            target.rename(old)
        tmp.rename(target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target
