"""One settings object, resolved from flags, then GIDAR_* environment variables, then defaults."""
from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    broker_url: str | None = None  # Celery broker; None means the embedded mode
    database_url: str = "sqlite:///gidar-data/gidar.sqlite"
    data_dir: str = "gidar-data"  # shared document directory (content-addressed)
    models_dir: str | None = None  # where trained taggers live; None = the packaged models/
    tagger: str = "auto"  # a name of models.registry.TAGGERS, or auto (ensemble when a model exists)
    max_bytes: int = 50 * 1024 * 1024  # larger inputs are refused with "too_large"
    task_time_limit: int = 300  # seconds a worker may spend on one document
    max_deliveries: int = 3  # a document that kills its worker this often is failed
    queue: str = "gidar"  # Celery queue the batch tasks go to
    chunk: int = 64  # most documents per Celery task (a chunk whose worker died is retried one by one)
    web_token: str | None = None

    def __post_init__(self):
        if self.max_bytes <= 0:
            raise ValueError("max_bytes must be positive")
        if self.chunk <= 0:
            raise ValueError("chunk must be positive")
        from models.registry import TAGGERS
        if self.tagger not in TAGGERS + ("auto",):
            raise ValueError(f"unknown tagger {self.tagger!r}; choose one of {', '.join(TAGGERS)}")

    @classmethod
    def resolve(cls, **flags) -> "Settings":
        """Flags win over GIDAR_* variables, which win over defaults."""
        values = {}
        for f in fields(cls):
            env = os.environ.get(f"GIDAR_{f.name.upper()}")
            if env is not None and env != "":
                values[f.name] = int(env) if f.type == "int" else env
        values.update({k: v for k, v in flags.items() if v is not None})
        return cls(**values)

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)

    @property
    def data_path(self) -> Path:
        return Path(self.data_dir)
