"""``make test``'s first step, tests/system.sh: what the tests need from the system.

Run with a ``PATH`` where chromium and redis-server are missing (every other program
linked in) and installation off, it names each missing program with its Debian package
and the command that installs them, and exits with status 2 before anything runs;
with everything present it says nothing. Nothing is installed here.
"""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT

SCRIPT = ROOT / "tests" / "system.sh"


def path_without(tmp_path, *missing: str) -> str:
    """A PATH holding links to every program of the current PATH but ``missing``."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for directory in os.environ["PATH"].split(os.pathsep):
        if not os.path.isdir(directory):
            continue
        for name in os.listdir(directory):
            link = bin_dir / name
            if name not in missing and not link.exists():
                link.symlink_to(os.path.join(directory, name))
    return str(bin_dir)


def run(path: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["sh", str(SCRIPT), sys.executable],
        env={"PATH": path, "HOME": os.environ.get("HOME", "/"), **env},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_missing_programs_are_named_with_the_command_that_installs_them(tmp_path):
    path = path_without(tmp_path, "chromium", "chromium-browser", "redis-server")
    done = run(path, SYSTEM_INSTALL="no")
    assert done.returncode == 2 and done.stdout == ""
    assert "  chromium (Debian package chromium)\n" in done.stderr
    assert "  redis-server (Debian package redis-server)\n" in done.stderr
    assert "They were not installed (SYSTEM_INSTALL=no)" in done.stderr
    assert "apt-get install --no-install-recommends chromium redis-server\n" in done.stderr


def test_nothing_to_say_when_everything_is_there(tmp_path):
    done = run(os.environ["PATH"], SYSTEM_INSTALL="no")
    if done.returncode == 2:  # this machine lacks something: the message says what
        assert "the tests need programs this machine does not have" in done.stderr
        return
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
