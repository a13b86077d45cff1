"""A desktop notification, through `notify-send` (freedesktop.org notifications: GNOME, KDE,
Xfce and most Linux desktops), when it is there."""

from __future__ import annotations

import shutil
import subprocess

LONGEST = 2000  # characters of the body shown; notification servers cut long ones anyway


class DesktopError(Exception):
    """No desktop notification could be shown: nothing was shown."""


def notify(summary: str, body: str) -> None:
    """Show a notification, or DesktopError saying why not."""
    program = shutil.which("notify-send")
    if program is None:
        raise DesktopError(
            "no desktop notifications here (notify-send is not on PATH; on Debian or Ubuntu: "
            "apt install libnotify-bin): use --how print or --how email"
        )
    shown = body if len(body) <= LONGEST else body[: LONGEST - 1] + "…"
    try:
        done = subprocess.run(
            [program, "--app-name=followup", summary, shown],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise DesktopError(f"notify-send failed ({error}): use --how print or --how email") from None
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        why = said[0] if said else f"exit code {done.returncode}"
        raise DesktopError(f"notify-send failed ({why}): use --how print or --how email")
