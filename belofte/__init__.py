"""belofte: keep your customer promise at every touchpoint.

The public Python API::

    import belofte
    ws = belofte.open_workspace("shop")
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("belofte")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

if TYPE_CHECKING:
    from belofte.services.measure.python_api import Workspace, open_workspace

__all__ = ["Workspace", "__version__", "open_workspace"]


def __getattr__(name: str) -> Any:
    # Imported lazily: `import belofte` stays cheap for the CLI's --version and --help.
    if name in ("open_workspace", "Workspace"):
        from belofte.services.measure import python_api

        return getattr(python_api, name)
    raise AttributeError(f"module 'belofte' has no attribute {name!r}")
