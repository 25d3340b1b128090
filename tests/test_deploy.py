"""The deploy files do what the README says: systemd units that verify, a wall-clock timer.

``systemd-analyze verify`` checks the service and timer as a user installs them (the
README's ``/opt/newsarchive`` replaced by this checkout, whose ``.venv/bin/scrapy``
exists), and ``systemd-analyze calendar`` shows the timer firing every 15 minutes
of the clock. Skipped, with the reason, where systemd-analyze is not installed
(Debian package ``systemd``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime
from itertools import pairwise

import pytest

from conftest import ROOT

UNITS = ROOT / "deploy" / "systemd"
ANALYZE = shutil.which("systemd-analyze")
needs_systemd = pytest.mark.skipif(
    ANALYZE is None, reason="no systemd-analyze here (Debian: apt-get install systemd)"
)


def settings(path) -> dict[str, list[str]]:
    """``Key=value`` lines of a unit file, by key (a key may repeat)."""
    found: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith(("#", ";", "[")):
            key, value = line.split("=", 1)
            found.setdefault(key.strip(), []).append(value.strip())
    return found


def test_timer_runs_on_the_wall_clock():
    timer = settings(UNITS / "newsarchive-crawl.timer")
    assert timer["OnCalendar"] == ["*:0/15"]
    assert timer["Persistent"] == ["true"]  # only meaningful with OnCalendar
    for monotonic in ("OnUnitInactiveSec", "OnUnitActiveSec", "OnBootSec", "OnActiveSec"):
        assert monotonic not in timer, monotonic
    service = settings(UNITS / "newsarchive-crawl.service")
    assert service["User"] == ["newsarchive"] and service["Type"] == ["oneshot"]
    assert "sources=/opt/newsarchive/my-sources.toml" in service["ExecStart"][0]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "useradd --system" in readme and "newsarchive" in readme


@needs_systemd
def test_systemd_units_verify(tmp_path):
    for unit in UNITS.iterdir():
        text = unit.read_text(encoding="utf-8").replace("/opt/newsarchive", str(ROOT))
        (tmp_path / unit.name).write_text(text, encoding="utf-8")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "newsarchive-crawl.service", "newsarchive-crawl.timer",
        "newsarchive-maintain.service", "newsarchive-maintain.timer",
    ]  # fmt: skip
    done = subprocess.run(
        [ANALYZE, "verify", *names], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "newsarchive" not in done.stderr, done.stderr  # no warning about our units


@needs_systemd
def test_timer_elapses_every_quarter_hour():
    expression = settings(UNITS / "newsarchive-crawl.timer")["OnCalendar"][0]
    done = subprocess.run(
        [ANALYZE, "calendar", "--iterations", "4", expression],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    stamps = re.findall(r"(?:Next elapse|Iter\. #\d+): \w+ (\S+ \S+)", done.stdout)
    times = [datetime.fromisoformat(stamp) for stamp in stamps]
    assert len(times) == 4, done.stdout
    assert all(t.minute % 15 == 0 and t.second == 0 for t in times), done.stdout
    assert {(b - a).total_seconds() for a, b in pairwise(times)} == {900.0}
