"""Inputs of a bulk run: folders, archives within the import limits, output names settled up front."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest

from jixiao.bulk.sources import EntryRefused, collect, form_names, read_entry
from jixiao.ingest.settings import IngestSettings


def touch(path: Path, text: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_it_walks_a_folder_in_name_order_without_hidden_files_or_the_output(tmp_path: Path) -> None:
    root = tmp_path / "in"
    for name in ("b/2.txt", "a/1.txt", "c.txt", ".hidden.txt", ".git/x.txt", "out/old.json", "a/.DS_Store"):
        touch(root / name)
    sources = collect([str(root)], exclude=root / "out")
    assert [s.label for s in sources] == [f"{root}/a/1.txt", f"{root}/b/2.txt", f"{root}/c.txt"]
    assert [s.index for s in sources] == [0, 1, 2]
    assert [s.stem for s in sources] == ["1", "2", "c"]


def test_a_missing_input_is_kept_with_its_problem(tmp_path: Path) -> None:
    [source] = collect([str(tmp_path / "nope.txt")])
    assert source.problem == "文件不存在" and source.problem_status == "error"


def test_inputs_with_one_name_in_different_folders_get_their_folder_in_front(tmp_path: Path) -> None:
    for name in ("2021/a.txt", "2022/a.txt", "2022/b.txt", "2023/x/a.pdf", "2023/x/a.txt"):
        touch(tmp_path / "in" / name)
    sources = collect([str(tmp_path / "in")])
    assert [(s.stem, bool(s.note)) for s in sources] == [
        ("in_2021_a.txt", True),
        ("in_2022_a.txt", True),
        ("b", False),
        ("in_2023_x_a.pdf", True),
        ("in_2023_x_a.txt", True),
    ]
    two = next(s for s in sources if s.stem.startswith("in_2021"))
    assert "同名" in two.note and "in_2021_a.txt.json" in two.note
    # Collecting again names them the same way: names never depend on timing.
    again = collect([str(tmp_path / "in")])
    assert [s.stem for s in again] == [s.stem for s in sources]


def test_two_folders_holding_the_same_name_are_told_apart(tmp_path: Path) -> None:
    touch(tmp_path / "2021" / "a.txt")
    touch(tmp_path / "2022" / "a.txt")
    sources = collect([str(tmp_path / "2021"), str(tmp_path / "2022")])
    assert [s.stem for s in sources] == ["2021_a", "2022_a"]


def test_names_that_differ_only_in_case_clash(tmp_path: Path) -> None:
    touch(tmp_path / "x" / "Form.txt")
    touch(tmp_path / "y" / "form.txt")
    assert [s.stem for s in collect([str(tmp_path / "x"), str(tmp_path / "y")])] == ["x_Form", "y_form"]


def test_the_forms_of_one_input_are_numbered_and_step_aside_for_another_input() -> None:
    assert form_names("a", 1, set()) == ["a.json"]
    assert form_names("a", 2, set()) == ["a-1.json", "a-2.json"]
    assert form_names("a", 2, {"a-1"}) == ["a-1~2.json", "a-2.json"]


def make_zip(path: Path, entries: dict[str, bytes], **options: object) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def test_an_archive_lists_its_entries_and_reads_them_in_memory(tmp_path: Path) -> None:
    archive = make_zip(
        tmp_path / "forms.zip", {"b/2.txt": b"two", "a/1.txt": b"one", "__MACOSX/._1.txt": b""}
    )
    sources = collect([str(archive)])
    assert [s.label for s in sources] == [f"{archive}!a/1.txt", f"{archive}!b/2.txt"]
    assert read_entry(sources[0].path, sources[0].member or "", IngestSettings()) == b"one"


def test_a_gbk_entry_name_from_chinese_windows_is_read_as_written(tmp_path: Path) -> None:
    name = "自评表/2021年.txt".encode("gbk")
    placeholder = b"A" * 6 + b"/2021AA.txt"
    assert len(placeholder) == len(name)
    archive = make_zip(tmp_path / "gbk.zip", {placeholder.decode(): b"x"})
    # As zip tools on Chinese Windows write it: GBK bytes, no UTF-8 flag.
    archive.write_bytes(archive.read_bytes().replace(placeholder, name))
    [source] = collect([str(archive)])
    assert source.label.endswith("!自评表/2021年.txt") and source.stem == "2021年"
    assert read_entry(source.path, source.member or "", IngestSettings()) == b"x"


def test_unsafe_entries_are_refused_one_by_one(tmp_path: Path) -> None:
    archive = tmp_path / "bad.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
        handle.writestr("../escape.txt", b"x")
        handle.writestr("/etc/passwd", b"x")
        link = zipfile.ZipInfo("link.txt")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        handle.writestr(link, "/etc/passwd")
        handle.writestr("big.txt", b"0" * 3000)
        handle.writestr("bomb.txt", b"\0" * (3 * 1024 * 1024))
        handle.writestr("good.txt", b"fine")
    settings = IngestSettings(max_bytes=4 * 1024 * 1024, max_compression_ratio=200)
    problems = {s.label.split("!")[1]: s.problem for s in collect([str(archive)], settings)}
    assert "不安全" in problems["../escape.txt"]
    assert "不安全" in problems["/etc/passwd"]
    assert "符号链接" in problems["link.txt"]
    assert "压缩炸弹" in problems["bomb.txt"]
    assert problems["good.txt"] == "" and problems["big.txt"] == ""
    small = IngestSettings(max_bytes=1000)
    assert (
        "超过导入上限"
        in {s.label.split("!")[1]: s.problem for s in collect([str(archive)], small)}["big.txt"]
    )


def test_an_entry_larger_than_its_directory_says_is_cut_at_the_limit(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "lie.zip", {"a.txt": b"0" * 5000})
    data = bytearray(archive.read_bytes())
    # Make the central directory (not the data) claim a tiny size.
    with zipfile.ZipFile(archive) as handle:
        info = handle.getinfo("a.txt")
    at = data.rfind(b"PK\x01\x02")
    data[at + 24 : at + 28] = (10).to_bytes(4, "little")
    archive.write_bytes(bytes(data))
    assert info.file_size == 5000
    with pytest.raises((EntryRefused, zipfile.BadZipFile)):
        read_entry(str(archive), "a.txt", IngestSettings(max_bytes=1000))


def test_a_damaged_archive_is_one_problem(tmp_path: Path) -> None:
    archive = tmp_path / "broken.zip"
    archive.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    [source] = collect([str(archive)])
    assert "损坏" in source.problem


def test_a_workbook_is_a_file_not_an_archive(tmp_path: Path) -> None:
    workbook = make_zip(tmp_path / "form.xlsx", {"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"})
    [source] = collect([str(workbook)])
    assert source.member is None and source.label == str(workbook)
