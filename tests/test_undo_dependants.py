"""Undo knows its dependants: the rows of other batches that would lose their partnership are listed before
the undo (page and command line), a confirmation is asked, and afterwards they show as orphans."""

from __future__ import annotations

import io

import pytest
from conftest import batch_file, indicator_row, partnership, survey_row, write

from kemitraan.cli import main
from kemitraan.queries import quality
from kemitraan.queries.filters import Filters
from kemitraan.storage.dependants import dependants
from kemitraan.storage.store import Store


@pytest.fixture
def shared(store) -> Store:
    """p1 brings K1, K2, K3; p2 brings K2 again; m1 and m2 report on them; m2 also re-reports one of m1's rows."""
    write(store, "p1", kemitraan=[partnership("K1"), partnership("K2"), partnership("K3")])
    write(store, "p2", kemitraan=[partnership("K2")])
    write(
        store,
        "m1",
        indikator=[
            indicator_row("K1", "2024-01", "kb_peserta_baru", 10),
            indicator_row("K1", "2024-02", "kb_peserta_baru", 11),
            indicator_row("K2", "2024-01", "kb_peserta_baru", 12),
            indicator_row("K3", "2024-01", "kb_peserta_baru", 13),
        ],
    )
    write(
        store,
        "m2",
        indikator=[indicator_row("K1", "2024-02", "kb_peserta_baru", 99)],  # supersedes m1's row
        survei=[survey_row("r1", "K1"), survey_row("r2", "K2")],
    )
    return store


def test_the_undo_of_a_partnership_batch_lists_its_dependants(shared):
    d = dependants(shared, "p1")
    # K2 is also held by p2, so only K1 and K3 are lost; m1's K1 February row lost to m2's, so it is not counted
    assert d.partnerships_lost == 2
    assert d.by_batch() == {"m1": {"indikator": 2}, "m2": {"indikator": 1, "survei": 1}}
    assert d.total_rows == 4 and d.codes == ("K1", "K3") and d.n_codes == 2
    assert [r.file for r in d.rows] == ["m1.csv", "m2.csv", "m2.csv"]
    en = "\n".join(d.lines("en"))
    assert "4 rows of other batches use 2 partnerships that only batch p1 holds" in en
    assert "batch m1 (m1.csv): 2 rows of indicators" in en
    assert "batch m2 (m2.csv): 1 row of indicators, 1 row of survey" in en
    assert "Partnership codes: K1, K3" in en
    assert "batch m1 (m1.csv): 2 baris indikator" in "\n".join(d.lines("id"))


def test_a_partnership_another_batch_still_holds_has_no_dependants(shared):
    assert not dependants(shared, "p2")  # K2 stays in p1
    assert dependants(shared, "p2").lines("en") == ["No rows of other batches depend on batch p2."]
    assert not dependants(shared, "m1")  # no partnerships at all
    assert not dependants(shared, "no-such-batch")


def test_a_survey_row_moved_to_another_partnership_by_a_later_batch_is_not_a_dependant(store):
    write(store, "p1", kemitraan=[partnership("K1")])
    write(store, "p2", kemitraan=[partnership("K2")])
    write(store, "s1", survei=[survey_row("r1", "K1")])
    write(store, "s2", survei=[survey_row("r1", "K2")])  # same respondent, corrected to K2
    assert not dependants(store, "p1")
    assert dependants(store, "p2").by_batch() == {"s2": {"survei": 1}}


def test_codes_are_capped_but_counted(store):
    codes = [f"K{i:03d}" for i in range(30)]
    write(store, "p1", kemitraan=[partnership(k) for k in codes])
    write(store, "m1", indikator=[indicator_row(k, "2024-01", "kb_peserta_baru", 1) for k in codes])
    d = dependants(store, "p1", max_codes=5)
    assert d.codes == tuple(codes[:5]) and d.n_codes == 30 and d.total_rows == 30
    assert "K000, K001, K002, K003, K004 … and 25 more" in "\n".join(d.lines("en"))


def test_a_damaged_batch_has_no_dependants_since_it_is_out_of_the_views_already(shared):
    batch_file(shared, "p1").write_bytes(b"broken")
    s = Store(shared.root)
    assert [d.batch_id for d in s.damaged()] == ["p1"]
    assert not dependants(s, "p1")


@pytest.mark.parametrize("materialize", [False, True])
def test_after_the_undo_the_rows_show_as_orphans_never_vanish(shared, materialize):
    con = shared.connect(materialize=materialize)
    assert quality.orphan_rows(con, Filters()).empty
    shared.undo("p1")
    con = shared.connect(materialize=materialize)
    orphans = quality.orphan_rows(con, Filters())
    assert orphans.to_dict("records") == [
        {"kode_kemitraan": "K1", "jenis_data": "indikator", "n_baris": 2, "batch_id": "m1, m2"},
        {"kode_kemitraan": "K1", "jenis_data": "survei", "n_baris": 1, "batch_id": "m2"},
        {"kode_kemitraan": "K3", "jenis_data": "indikator", "n_baris": 1, "batch_id": "m1"},
    ]
    # whatever the filters: a row without a partnership belongs to no category or period range
    assert len(quality.orphan_rows(con, Filters(kategori=("internasional",)))) == 3
    # the rows are still stored, and the analysis (which joins on the partnership) leaves them out
    assert con.sql("SELECT count(*) FROM indikator WHERE kode_kemitraan IN ('K1', 'K3')").fetchall() == [(3,)]
    shared.redo("p1")
    assert quality.orphan_rows(shared.connect(materialize=materialize), Filters()).empty


def test_orphans_on_a_connection_without_the_batch_views_still_count(shared):
    shared.undo("p1")
    con = shared.connect()
    con.execute("DROP VIEW _batch_of_indikator")
    orphans = quality.orphan_rows(con, Filters())
    assert list(orphans["n_baris"]) == [2, 1, 1] and orphans["batch_id"].isna().all()


# --------------------------------------------------------------------------- the command line


def cli(store: Store, capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(store.root), *argv])
    out, err = capsys.readouterr()
    return code, out, err


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_undo_without_a_terminal_lists_the_dependants_and_refuses_until_yes(shared, capsys):
    code, out, err = cli(shared, capsys, "undo", "p1", "--lang", "en")
    assert code == 1
    assert "batch m1 (m1.csv): 2 rows of indicators" in out and "Partnership codes: K1, K3" in out
    assert "Nothing was undone" in err and "python -m kemitraan undo p1 --yes" in err
    assert not shared.batch("p1")["undone"]
    code, out, err = cli(shared, capsys, "undo", "p1", "--yes", "--lang", "en", "--user", "ani")
    assert code == 0, err
    assert "Batch p1 undone" in out and "4 rows of other batches are now without a partnership" in out
    assert "python -m kemitraan redo p1" in out
    assert shared.batch("p1")["undone_by"] == "ani"


@pytest.mark.parametrize(("answer", "undone"), [("ya\n", True), ("y\n", True), ("\n", False), ("tidak\n", False)])
def test_undo_on_a_terminal_asks_and_does_what_the_answer_says(shared, capsys, monkeypatch, answer, undone):
    monkeypatch.setattr("sys.stdin", _Tty(answer))
    code, out, _ = cli(shared, capsys, "undo", "p1")
    assert "Tetap batalkan? [y/T]" in out
    assert shared.batch("p1")["undone"] is undone
    assert code == (0 if undone else 1)
    if not undone:
        assert "Tidak jadi: batch p1 tetap aktif." in out


def test_undo_with_no_dependants_asks_nothing(shared, capsys):
    code, out, _ = cli(shared, capsys, "undo", "p2", "--lang", "en")
    assert code == 0 and "Batch p2 undone" in out and "Undo anyway" not in out
