"""Settings, from the environment (BELOFTE_ prefix) and the workspace's belofte.env.

Built once per process by the edge (CLI callback, `create_app`, `open_workspace`) and
passed down; nothing builds settings at import time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

#: The placeholder secret: fine on a laptop, refused outside dev mode.
DEFAULT_SECRET = "dev-only-change-me"  # noqa: S105 - a documented placeholder, not a secret

#: The per-workspace settings file, next to belofte.yaml (never committed with secrets).
WORKSPACE_ENV_FILE = "belofte.env"


class Settings(BaseSettings):
    """Every setting of belofte; each is documented in docs/settings.md."""

    model_config = SettingsConfigDict(
        env_prefix="BELOFTE_", extra="ignore", frozen=True, env_file_encoding="utf-8"
    )

    workspace: Path | None = Field(
        default=None,
        description="Workspace folder (holds belofte.yaml). Default: the current "
        "directory or the nearest parent that holds a belofte.yaml.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the store, e.g. "
        "postgresql+psycopg://user:pass@host/db. Default: the embedded SQLite "
        "file belofte.db inside the workspace.",
    )
    env: Literal["dev", "prod"] = Field(
        default="dev",
        description="Run mode. prod refuses the default secret key and logs JSON.",
    )
    secret_key: SecretStr = Field(
        default=SecretStr(DEFAULT_SECRET),
        description="Secret for signing sessions and tokens. Must be changed "
        "outside dev mode.",
    )
    admin_password: SecretStr | None = Field(
        default=None,
        description="Password of the first admin that `belofte init` and `belofte "
        "demo` create (user admin). Default: a random password, printed once.",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="WARNING",
        description="Lowest level of log events written to stderr.",
    )
    log_format: Literal["auto", "console", "json"] = Field(
        default="auto",
        description="Log rendering: console (readable), json (one object per "
        "line), auto (json in prod, console in dev).",
    )
    sqlite_busy_timeout_ms: int = Field(
        default=10_000,
        ge=0,
        le=600_000,
        description="How long an embedded-SQLite writer waits for a lock before "
        "failing, in milliseconds.",
    )
    timezone: str = Field(
        default="Europe/Amsterdam",
        description="Time zone (IANA name) for dates and times that carry none, "
        "as most CSV exports do.",
    )
    import_max_field_chars: int = Field(
        default=10_000,
        ge=100,
        le=1_000_000,
        description="Longest text field an import or the API accepts, in "
        "characters; longer values reject their row.",
    )
    import_batch_size: int = Field(
        default=10_000,
        ge=1,
        le=100_000,
        description="Rows written per transaction by an import; a killed import "
        "keeps every finished batch and a rerun completes it exactly once.",
    )
    api_batch_bytes: int = Field(
        default=8 * 1024 * 1024,
        ge=64 * 1024,
        le=256 * 1024 * 1024,
        description="Largest body of an ingest API batch, in bytes (larger "
        "bodies get 413 before they are read); about 10,000 records of 800 bytes.",
    )
    trusted_proxies: str = Field(
        default="",
        max_length=1000,
        description="Comma-separated addresses of reverse proxies whose "
        "X-Forwarded-For and X-Forwarded-Proto headers `belofte serve` believes. "
        "Default: none, so no client can pick the address that sign-in limits "
        "count by.",
    )
    enrich_on_import: bool = Field(
        default=True,
        description="Run text analysis on new and changed texts right after each "
        "import and API ingest (otherwise run `belofte enrich`).",
    )
    text_labellers: str = Field(
        default="",
        max_length=500,
        description="Comma-separated names of installed text labeller plug-ins "
        "(entry points `belofte.labellers`) to run after the built-in steps.",
    )
    debug: bool = Field(
        default=False,
        description="Show full tracebacks for internal errors (developers only).",
    )

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @model_validator(mode="after")
    def _no_default_secret_in_prod(self) -> Settings:
        if self.env == "prod" and self.secret_key.get_secret_value() == DEFAULT_SECRET:
            raise ValueError(
                "BELOFTE_SECRET_KEY must be set to your own secret "
                "when BELOFTE_ENV=prod"
            )
        return self

    def for_workspace(self, path: Path) -> Settings:
        """These settings with the workspace's belofte.env read beneath the environment.

        Precedence: environment variables, then belofte.env, then defaults.
        """
        env_file = path / WORKSPACE_ENV_FILE
        if not env_file.is_file():
            return self.model_copy(update={"workspace": path})
        from_file = Settings(_env_file=env_file)
        explicit = self.model_dump(exclude_unset=True)
        merged = from_file.model_dump(exclude_unset=True) | explicit
        return Settings.model_validate(merged | {"workspace": path})
