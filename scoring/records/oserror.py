"""Why the operating system refused to open, make or replace a file, in the user's words.

``strerror`` is the C library's English ('Permission denied', 'File name too long') on Linux and
on Windows alike: shown as it is, a council clerk reads English with no idea what to do. The
usual causes are named here with their fix; anything else keeps the system's own words."""
from __future__ import annotations

import errno

from scoring.messages import Msg

WINDOWS_SHARING = (32, 33)   # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: another program has the file open
ERROR_FILENAME_EXCED_RANGE = 206   # Windows: the name or path is too long

BY_ERRNO = {errno.EACCES: "os.denied", errno.EPERM: "os.denied", errno.EROFS: "os.read_only_disk",
            errno.ENAMETOOLONG: "os.name_too_long", errno.ENOSPC: "os.disk_full", errno.EDQUOT: "os.disk_full",
            errno.ENOENT: "file.no_such", errno.EISDIR: "os.is_folder", errno.EBUSY: "os.denied",
            errno.ETXTBSY: "os.denied"}


def os_reason(exc: OSError) -> Msg | str:
    """What went wrong, said so that the user knows what to do (the system's words when unknown)."""
    winerror = getattr(exc, "winerror", None)
    if winerror in WINDOWS_SHARING:
        return Msg("os.denied")
    if winerror == ERROR_FILENAME_EXCED_RANGE:
        return Msg("os.name_too_long")
    key = BY_ERRNO.get(exc.errno or 0)
    return Msg(key) if key else str(exc.strerror or exc)
