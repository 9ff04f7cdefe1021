"""The inputs of a bulk run: files, folders (walked recursively) and .zip archives (listed within the
import limits, read entry by entry in memory), numbered in a fixed order, each with a unique
output name settled before any work starts, so that the names do not depend on which worker is
fastest.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from jixiao.ingest.settings import IngestSettings

MAX_ARCHIVE_ENTRIES = 10_000
"""Most entries listed from one archive; a thousand forms fit, a zip of zips made to exhaust does not."""
MAX_ARCHIVE_BYTES = 4 * 1024 * 1024 * 1024
"""Largest total uncompressed size of one archive (each entry is also held to the import limits)."""
BOMB_FLOOR = 1024 * 1024
"""Entries smaller than this are not judged by their compression ratio (a blank form compresses well)."""

REFUSED, ERROR = "refused", "error"
_UNSAFE_NAME = re.compile(r'[\x00-\x1f/\\:*?"<>|]')
_SKIPPED = frozenset({"__MACOSX", "Thumbs.db", "desktop.ini"})


@dataclass(frozen=True)
class Source:
    """One input file of a bulk run, or an input that could not even be listed (``problem``)."""

    index: int
    label: str
    """How the input is named in messages and in the report: ``in/2021/a.txt``, ``forms.zip!2021/a.txt``."""
    path: str
    """The file, or the archive that holds the entry."""
    member: str | None = None
    """The archive entry's name as stored in the archive; None for a file."""
    stem: str = ""
    """The output name without ``.json``, unique (ignoring case) among the inputs of the run."""
    note: str = ""
    """Why the output name is not the input's own name (a clash between inputs), in Chinese."""
    problem: str = ""
    """Why the input cannot be read at all (missing, a damaged archive, an entry over the limits)."""
    problem_status: str = REFUSED


@dataclass
class _Found:
    label: str
    path: str
    member: str | None
    parents: tuple[str, ...]
    filename: str
    problem: str = ""
    problem_status: str = REFUSED


def collect(
    inputs: Sequence[str], settings: IngestSettings | None = None, *, exclude: Path | None = None
) -> list[Source]:
    """Expand the command line's inputs into numbered sources, in the order given.

    A folder is walked recursively in name order, leaving out hidden files and folders and
    ``exclude`` (the output folder); an archive lists its entries in name order. An input that
    does not exist, or an archive entry over the limits, is kept as a source with its ``problem``
    so that the report has a line for it.
    """
    settings = settings or IngestSettings()
    skip = exclude.resolve() if exclude is not None else None
    found: list[_Found] = []
    for given in inputs:
        path = Path(given)
        if not path.exists():
            found.append(_Found(given, given, None, (), path.name, "文件不存在", ERROR))
        elif path.is_dir():
            root_name = path.resolve().name
            for file, parents in _walk(path, skip):
                label = (PurePosixPath(given) / PurePosixPath(*parents, file.name)).as_posix()
                found.extend(_expand(file, label, (root_name, *parents), settings))
        else:
            found.extend(_expand(path, given, tuple(path.parent.parts[-3:]), settings))
    stems = assign_stems(found)
    return [
        Source(
            index=number,
            label=item.label,
            path=item.path,
            member=item.member,
            stem=stem,
            note=note,
            problem=item.problem,
            problem_status=item.problem_status,
        )
        for number, (item, (stem, note)) in enumerate(zip(found, stems, strict=True))
    ]


def _walk(root: Path, skip: Path | None) -> Iterable[tuple[Path, tuple[str, ...]]]:
    entries: list[tuple[tuple[str, ...], Path]] = []
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        if skip is not None and here.resolve() == skip:
            dirs[:] = []
            continue
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in _SKIPPED]
        relative = here.relative_to(root).parts
        for name in files:
            if name.startswith(".") or name in _SKIPPED:
                continue
            entries.append(((*relative, name), here / name))
    for parts, file in sorted(entries, key=lambda e: e[0]):
        yield file, parts[:-1]


# Files named like a form are not opened while listing (a thousand opens cost a second on a slow
# disk); the importer recognises a zip inside one by its content and refuses it with its reason.
_FORM_SUFFIXES = frozenset(
    [
        ".txt",
        ".text",
        ".csv",
        ".htm",
        ".html",
        ".json",
        ".pdf",
        ".xlsx",
        ".xls",
        ".xlsm",
        ".docx",
        ".doc",
        ".png",
        ".jpg",
        ".jpeg",
        ".tif",
        ".tiff",
        ".bmp",
        ".gif",
        ".webp",
    ]
)


def is_archive(path: Path) -> bool:
    """Return True for a .zip of files to import, as opposed to a workbook or a Word document."""
    if path.suffix.lower() in _FORM_SUFFIXES:
        return False
    try:
        with path.open("rb") as handle:
            if handle.read(4) != b"PK\x03\x04":
                return False
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (OSError, zipfile.BadZipFile):
        return path.suffix.lower() == ".zip"
    office = "[Content_Types].xml" in names or any(n.startswith(("xl/", "word/", "ppt/")) for n in names)
    return not office


def _expand(file: Path, label: str, parents: tuple[str, ...], settings: IngestSettings) -> list[_Found]:
    if not is_archive(file):
        return [_Found(label, str(file), None, parents, file.name)]
    try:
        archive = zipfile.ZipFile(file)
    except (OSError, zipfile.BadZipFile):
        return [_Found(label, str(file), None, parents, file.name, "压缩包已损坏,无法读取目录")]
    with archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        if len(infos) > MAX_ARCHIVE_ENTRIES:
            reason = f"压缩包中有 {len(infos)} 个文件,超过上限 {MAX_ARCHIVE_ENTRIES} 个"
            return [_Found(label, str(file), None, parents, file.name, reason)]
        total = sum(info.file_size for info in infos)
        if total > MAX_ARCHIVE_BYTES:
            reason = (
                f"压缩包解压后共 {total // 1024 // 1024} MB,超过上限 {MAX_ARCHIVE_BYTES // 1024 // 1024} MB"
            )
            return [_Found(label, str(file), None, parents, file.name, reason)]
        entries: list[_Found] = []
        archive_parents = (*parents, file.stem)
        for info in sorted(infos, key=lambda i: entry_name(i)):
            name = entry_name(info)
            parts = PurePosixPath(name.replace("\\", "/")).parts
            if any((p.startswith(".") and p not in (".", "..")) or p in _SKIPPED for p in parts):
                continue
            entries.append(
                _Found(
                    f"{label}!{name}",
                    str(file),
                    info.filename,
                    (*archive_parents, *parts[:-1]),
                    parts[-1] if parts else name,
                    entry_problem(info, name, settings),
                )
            )
        return entries


def entry_name(info: zipfile.ZipInfo) -> str:
    """Return an entry's name as its author wrote it: zips made on Chinese Windows store GBK names."""
    name = info.filename
    if not info.flag_bits & 0x800:
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("gb18030")
    return name


def entry_problem(info: zipfile.ZipInfo, name: str, settings: IngestSettings) -> str:
    """Return why an archive entry is not read (unsafe name, link, password, size, bomb), or ""."""
    posix = name.replace("\\", "/")
    if posix.startswith("/") or re.match(r"^[A-Za-z]:", posix) or ".." in posix.split("/") or "\x00" in posix:
        return "压缩包中的路径不安全(绝对路径或含“..”),未读取"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "是符号链接,未读取"
    if info.flag_bits & 0x1:
        return "有密码保护,请解压后再导入"
    if info.file_size > settings.max_bytes:
        return f"解压后有 {info.file_size / 1024 / 1024:.1f} MB,超过导入上限 {settings.max_bytes / 1024 / 1024:.1f} MB"
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > BOMB_FLOOR and ratio > settings.max_compression_ratio:
        return f"压缩比达 {ratio:.0f} 倍,疑似压缩炸弹,未读取"
    return ""


def read_entry(path: str, member: str, settings: IngestSettings) -> bytes:
    """Read one archive entry into memory, never more than the import size limit.

    Raises ``EntryRefused`` when the entry turns out larger than its directory said.
    """
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
        problem = entry_problem(info, entry_name(info), settings)
        if problem:
            raise EntryRefused(problem)
        with archive.open(info) as handle:
            data = handle.read(settings.max_bytes + 1)
    if len(data) > settings.max_bytes:
        raise EntryRefused(
            f"解压后超过导入上限 {settings.max_bytes / 1024 / 1024:.1f} MB(目录中写的大小不实)"
        )
    return data


class EntryRefused(ValueError):
    """An archive entry that is not read; ``str()`` is the Chinese reason."""


# --- output names --------------------------------------------------------------------------------


def _safe(name: str) -> str:
    cleaned = _UNSAFE_NAME.sub("_", name).strip(" .")
    return cleaned[:150] or "form"


def assign_stems(found: Sequence[_Found]) -> list[tuple[str, str]]:
    """Give every input an output name: its own name, or, where two inputs share a name, the name
    with its folders in front (``2021_a``, ``2022_a``), then with its extension (``a.txt``,
    ``a.pdf``), then with ``~2``, ``~3`` in input order. Names are compared ignoring case, as the
    file systems of most users do."""
    bases = [_safe(Path(item.filename).stem or item.filename) for item in found]
    groups: dict[str, list[int]] = {}
    for number, base in enumerate(bases):
        groups.setdefault(base.casefold(), []).append(number)
    stems = list(bases)
    for members in groups.values():
        if len(members) < 2:
            continue
        depth_limit = max(len(found[m].parents) for m in members)
        chosen: list[str] | None = None
        for depth in range(1, depth_limit + 1):
            names = [_safe("_".join((*found[m].parents[-depth:], bases[m]))) for m in members]
            if len({n.casefold() for n in names}) == len(names):
                chosen = names
                break
        if chosen is None:
            chosen = [
                _safe("_".join((*found[m].parents[-depth_limit:], found[m].filename)))
                if depth_limit
                else _safe(found[m].filename)
                for m in members
            ]
        for m, name in zip(members, chosen, strict=True):
            stems[m] = name
    taken: set[str] = set()
    result: list[tuple[str, str]] = []
    for number, stem in enumerate(stems):
        unique, counter = stem, 1
        while unique.casefold() in taken:
            counter += 1
            unique = f"{stem}~{counter}"
        taken.add(unique.casefold())
        note = ""
        if unique != bases[number]:
            others = [found[m].label for m in groups[bases[number].casefold()] if m != number]
            shared = (
                f"与“{others[0]}”" + (f"等 {len(others)} 个文件" if len(others) > 1 else "") if others else ""
            )
            note = f"{shared}同名,输出文件名改为 {unique}.json"
        result.append((unique, note))
    return result


def form_names(stem: str, count: int, taken: frozenset[str] | set[str]) -> list[str]:
    """Return the file names of the forms of one input: ``a.json``, or ``a-1.json``, ``a-2.json``…

    ``taken`` holds the stems of the other inputs (case-folded): ``a-1`` of a two-form ``a`` steps
    aside (``a-1~2``) when another input is itself called ``a-1``.
    """
    if count == 1:
        return [f"{stem}.json"]
    names = []
    for number in range(1, count + 1):
        name, counter = f"{stem}-{number}", 1
        while name.casefold() in taken:
            counter += 1
            name = f"{stem}-{number}~{counter}"
        names.append(f"{name}.json")
    return names
