"""The files of background exports, under ``settings.EXPORTS_DIR``.

A file is written under a temporary name and renamed into place once complete, so a download never sees half an
export, and a job delivered again after its worker died simply writes the file again.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from django.conf import settings

# What job_file_name and write_atomically's temporary names look like; any other file in the directory is not ours.
_JOB_FILE = re.compile(r"claims-export-(?P<job_id>\d+)\.[a-z]+(?P<partial>\.\d+\.part)?")


@dataclass(frozen=True)
class StoredFile:
    name: str
    job_id: int
    partial: bool
    modified: datetime


def job_file_name(job_id: int, extension: str) -> str:
    return f"claims-export-{job_id}.{extension}"


def _path(file_name: str) -> Path:
    # Names are made by job_file_name, never taken from a request; refuse anything that could leave the directory.
    if not file_name or Path(file_name).name != file_name:
        raise FileNotFoundError(file_name)
    return Path(settings.EXPORTS_DIR) / file_name


def write_atomically(file_name: str, chunks: Iterable[bytes], *, attempt: int) -> int:
    """Write ``chunks`` to ``file_name`` (replacing any earlier file of that name); returns the size in bytes."""
    final = _path(file_name)
    final.parent.mkdir(parents=True, exist_ok=True)
    # Left behind by earlier attempts whose worker died mid-write.
    for stale in final.parent.glob(f"{file_name}.*.part"):
        stale.unlink(missing_ok=True)
    temporary = final.with_name(f"{file_name}.{attempt}.part")
    size = 0
    try:
        with open(temporary, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
                size += len(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, final)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return size


def open_for_download(file_name: str) -> BinaryIO:
    """The finished file, opened for reading (the response closes it); FileNotFoundError when it is gone."""
    return open(_path(file_name), "rb")


def stored_files() -> list[StoredFile]:
    """The export files under EXPORTS_DIR, finished and temporary; none when the directory does not exist yet."""
    directory = Path(settings.EXPORTS_DIR)
    if not directory.is_dir():
        return []
    stored = []
    for entry in os.scandir(directory):
        match = _JOB_FILE.fullmatch(entry.name)
        if match is None or not entry.is_file(follow_symlinks=False):
            continue
        modified = datetime.fromtimestamp(entry.stat(follow_symlinks=False).st_mtime, tz=UTC)
        stored.append(StoredFile(entry.name, int(match["job_id"]), bool(match["partial"]), modified))
    return stored


def remove(file_name: str) -> bool:
    """Delete the file; False when it was not there."""
    try:
        _path(file_name).unlink()
    except FileNotFoundError:
        return False
    return True
