"""Figures as presented on a date (issue 22): ``--per`` on ``angka`` and ``export``, ``?per=`` on the pages.

A small store built by hand: batch ``a`` (K1, K2), then batch ``b`` (K1 corrected, K3), then ``a`` undone. At
each of the three moments the figures ``angka --per`` gives are compared with the same sums computed here in
SQL over the rows written, live batches picked by hand."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import duckdb
import pytest
from conftest import APP, indicator_row, login, partnership, write

from kemitraan import cli
from kemitraan.labels import fmt_number
from kemitraan.storage import per
from kemitraan.storage.notes import Notes
from kemitraan.storage.store import PastStoreWrite, Store, UnknownSnapshot

MONTHS = ("2024-01", "2024-02", "2024-03")
RANGE = ["--dari", "2024-01", "--sampai", "2024-12"]

#: What each batch writes: partnerships and (kode, periode, terjangkau).
ROWS = {
    "a": (["K1", "K2"], [("K1", m, 100) for m in MONTHS] + [("K2", m, 50) for m in MONTHS]),
    "b": (["K1", "K3"], [("K1", "2024-02", 130)] + [("K3", m, 20) for m in MONTHS]),
}


def _write(store: Store, batch: str) -> None:
    kodes, values = ROWS[batch]
    write(
        store,
        batch,
        kemitraan=[partnership(k, tanggal_mulai=dt.date(2023, 1, 1)) for k in kodes],
        indikator=[indicator_row(k, p, "terjangkau", v, 200) for k, p, v in values],
    )


def expected(live: list[str]) -> tuple[float, int]:
    """The reach summed and the partnerships counted over ``live`` batches (later ones win per key), in SQL."""
    con = duckdb.connect()
    con.execute("CREATE TABLE r (seq INT, kode VARCHAR, periode VARCHAR, nilai DOUBLE)")
    con.execute("CREATE TABLE k (seq INT, kode VARCHAR)")
    for seq, b in enumerate(live):
        kodes, values = ROWS[b]
        con.executemany("INSERT INTO r VALUES (?, ?, ?, ?)", [(seq, *v) for v in values])
        con.executemany("INSERT INTO k VALUES (?, ?)", [(seq, k) for k in kodes])
    total = con.execute(
        "SELECT sum(nilai) FROM (SELECT nilai FROM r QUALIFY row_number() OVER "
        "(PARTITION BY kode, periode ORDER BY seq DESC) = 1)"
    ).fetchone()[0]
    n = con.execute("SELECT count(DISTINCT kode) FROM k").fetchone()[0]
    con.close()
    return float(total), int(n)


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    """The store and its three moments: {name: (snapshot id, time, live batches)}."""
    store = Store(tmp_path_factory.mktemp("per") / "data")
    moments = {}
    _write(store, "a")
    moments["a"] = (*store.snapshot_info(), ["a"])
    _write(store, "b")
    moments["ab"] = (*store.snapshot_info(), ["a", "b"])
    store.undo("a")
    moments["b"] = (*store.snapshot_info(), ["b"])
    return store, moments


def angka(store, *args, capsys, lang="id") -> tuple[int, str, str]:
    code = cli.main(["--data-dir", str(store.root), "angka", "--lang", lang, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def figures(store, *args, capsys) -> dict:
    code, out, err = angka(store, "--json", *RANGE, *args, capsys=capsys)
    assert code == 0, err
    return json.loads(out)


def reach(figs: dict) -> tuple[float, int]:
    return figs["indikator"]["terjangkau"]["nilai"], figs["kemitraan"]["n"]


# --- parsing ------------------------------------------------------------------------------------------------------


def test_a_number_is_a_snapshot_and_a_date_is_the_end_of_that_day_in_local_time():
    assert per.parse("12") == 12 and per.parse(" 0 ") == 0
    end = per.parse("2026-03-03")
    local = dt.datetime(2026, 3, 3, 23, 59, 59, 999999).astimezone()
    assert end == local and end.tzinfo is not None and end.utcoffset() == local.utcoffset()
    assert per.parse("2026-03-03T10:15:30") == dt.datetime(2026, 3, 3, 10, 15, 30).astimezone()
    assert per.parse("2026-03-03 10:15") == dt.datetime(2026, 3, 3, 10, 15).astimezone()
    with_offset = per.parse("2026-03-03T10:15:30+07:00")
    assert with_offset.utcoffset() == dt.timedelta(hours=7) and with_offset.hour == 10
    assert per.parse("2026-03-03T03:15:30Z") == with_offset


@pytest.mark.parametrize(
    "bad",
    ["", "kemarin", "2026-13-01", "2026-03-03T25:00", "03/03/2026", "-1", "1.5", "2026-03-03T10:15:30+07:00 extra"],
)
def test_other_values_are_refused_in_the_users_language(bad):
    with pytest.raises(per.BadPer) as got:
        per.parse(bad)
    assert "tanggal" in got.value.message("id") and "date" in got.value.message("en")


# --- the store at a snapshot ----------------------------------------------------------------------------------------


def test_each_moment_shows_the_batches_as_they_stood(lake):
    store, moments = lake
    for name, (sid, when, live) in moments.items():
        for past in (store.at(sid), store.at_moment(when), store.at_moment(when + dt.timedelta(microseconds=1))):
            assert past.per == sid
            assert [b["batch_id"] for b in past.batches() if not b["undone"]] == live, name
            con = past.connect()
            try:
                got = con.execute("SELECT sum(nilai) FROM indikator").fetchone()[0]
            finally:
                con.close()
            assert got == expected(live)[0], name
    # the past keeps the undone batch live; now it is undone
    assert [b["undone"] for b in store.at(moments["ab"][0]).batches()] == [False, False]
    assert [b["undone"] for b in store.batches()] == [True, False]


def test_a_moment_before_the_first_snapshot_names_the_earliest(lake):
    store, _ = lake
    first = store.snapshots()[0][1]
    with pytest.raises(UnknownSnapshot) as got:
        store.at_moment(first - dt.timedelta(seconds=1))
    assert first.astimezone().isoformat(timespec="seconds") in got.value.message("id")
    assert "earliest available moment" in got.value.message("en")
    with pytest.raises(UnknownSnapshot):
        store.at(10_000)


def test_a_past_store_refuses_every_write(lake):
    store, moments = lake
    past = store.at(moments["a"][0])
    before = store.snapshot()
    with pytest.raises(PastStoreWrite) as got:
        _write(past, "a")
    assert "hanya dapat dibaca" in got.value.message("id")
    for write_it in (
        lambda: past.undo("a"),
        lambda: past.redo("a"),
        lambda: Notes(past).add("catatan", "slide", "ringkasan"),
    ):
        with pytest.raises(PastStoreWrite):
            write_it()
    assert store.snapshot() == before
    assert store.at(before).per == before  # the current snapshot, read only too


def test_past_analysis_bases_are_kept_apart_by_snapshot(lake):
    from kemitraan.storage import analysis_cache

    store, moments = lake
    past = store.at(moments["a"][0])
    assert analysis_cache.cache_dir(past) == analysis_cache.cache_dir(store) / f"per-{moments['a'][0]}"
    con = analysis_cache.connect(past, background=False)
    try:
        assert con.execute("SELECT sum(nilai) FROM indikator").fetchone()[0] == expected(["a"])[0]
    finally:
        con.close()
    meta = json.loads(next(analysis_cache.cache_dir(past).glob("analysis-*.json")).read_text())
    assert meta["snapshot"] == moments["a"][0]


# --- the commands ---------------------------------------------------------------------------------------------------


def test_angka_per_gives_the_figures_of_each_moment(lake, capsys):
    store, moments = lake
    for name, (sid, when, live) in moments.items():
        for asked in (str(sid), when.isoformat(), when.astimezone(dt.timezone.utc).isoformat()):
            figs = figures(store, "--per", asked, capsys=capsys)
            assert reach(figs) == expected(live), (name, asked)
            assert figs["snapshot"] == {"id": sid, "waktu": when.isoformat()}
    now = figures(store, capsys=capsys)  # without --per: the latest, naming its snapshot
    assert reach(now) == expected(["b"]) and now["snapshot"]["id"] == store.snapshot()
    # the time angka names is a moment --per reads back as the same snapshot
    again = figures(store, "--per", moments["ab"][1].isoformat(), capsys=capsys)
    assert again["snapshot"]["id"] == moments["ab"][0]
    # a date: the end of that day, local time; every snapshot was made today
    today = dt.datetime.now().astimezone().date().isoformat()
    assert figures(store, "--per", today, capsys=capsys)["snapshot"]["id"] == store.snapshot()


def _cli(store, *args, capsys) -> tuple[int, str, str]:
    code = cli.main(["--data-dir", str(store.root), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_sql_batches_and_check_take_per(lake, capsys):
    store, moments = lake
    query = "SELECT string_agg(kode_kemitraan, ',' ORDER BY kode_kemitraan) AS k FROM kemitraan"
    codes = {"a": "K1,K2", "ab": "K1,K2,K3", "b": "K1,K3"}
    undone = {"a": {"a": False}, "ab": {"a": False, "b": False}, "b": {"a": True, "b": False}}
    for name, (sid, _, live) in moments.items():
        code, out, err = _cli(store, "sql", query, "--format", "json", "--per", str(sid), capsys=capsys)
        assert code == 0, err
        assert json.loads(out) == [{"k": codes[name]}], name
        code, out, err = _cli(store, "batches", "--json", "--per", str(sid), capsys=capsys)
        assert code == 0, err
        assert {b["batch_id"]: b["undone"] for b in json.loads(out)} == undone[name]
        code, out, err = _cli(store, "check", "--json", "--per", str(sid), capsys=capsys)
        assert code == 0, err
        assert json.loads(out)["checked"] == (1 if name == "a" else 2) and not json.loads(out)["damaged"]
    # without --per: the latest
    code, out, _ = _cli(store, "sql", query, "--format", "json", capsys=capsys)
    assert json.loads(out) == [{"k": "K1,K3"}]
    code, _, err = _cli(store, "batches", "--per", "besok", "--lang", "en", capsys=capsys)
    assert code == 2 and "besok" in err


def test_angka_per_errors_in_the_users_language(lake, capsys):
    store, moments = lake
    code, _, err = angka(store, "--per", "2000-01-01", capsys=capsys)
    assert code == 1 and "saat paling awal yang tersedia" in err
    code, _, err = angka(store, "--per", "2000-01-01", capsys=capsys, lang="en")
    assert code == 1 and "earliest available moment" in err
    code, _, err = angka(store, "--per", "besok", capsys=capsys)
    assert code == 2 and "nomor snapshot" in err
    code, out, _ = angka(store, *RANGE, "--per", str(moments["a"][0]), capsys=capsys)
    assert code == 0 and f"snapshot {moments['a'][0]}" in out


def test_export_names_its_snapshot(lake, tmp_path, capsys):
    store, moments = lake
    sid = moments["a"][0]
    out = tmp_path / "lama.html"
    code = cli.main(
        ["--data-dir", str(store.root), "export", "html", "--out", str(out), "--per", str(sid), "--slides", "ringkasan"]
    )
    printed = capsys.readouterr()
    assert code == 0, printed.err
    html = out.read_text(encoding="utf-8")
    named = re.compile(rf"snapshot {sid}(?!\d)")  # the footer names the number; the scope table also its time
    assert named.search(html) and named.search(printed.out)
    assert moments["a"][1].isoformat(sep=" ", timespec="seconds") in html
    deck = tmp_path / "lama.pptx"
    assert (
        cli.main(
            [
                "--data-dir",
                str(store.root),
                "export",
                "pptx",
                "--out",
                str(deck),
                "--per",
                str(sid),
                "--slides",
                "ringkasan",
            ]
        )
        == 0
    )
    from pptx import Presentation

    slides = Presentation(str(deck))
    texts = [sh.text_frame.text for sl in slides.slides for sh in sl.shapes if sh.has_text_frame]
    assert any(named.search(x) for x in texts) and named.search(slides.core_properties.subject)
    latest = tmp_path / "baru.xlsx"  # without --per: the latest snapshot, named all the same
    assert (
        cli.main(["--data-dir", str(store.root), "export", "xlsx", "--out", str(latest), "--slides", "ringkasan"]) == 0
    )
    now = re.compile(rf"snapshot {store.snapshot()}(?!\d)")
    assert now.search(capsys.readouterr().out)
    import openpyxl

    cells = [
        str(c)
        for ws in openpyxl.load_workbook(latest).worksheets
        for row in ws.iter_rows(values_only=True)
        for c in row
        if c
    ]
    assert any(f"snapshot {store.snapshot()} · " in c for c in cells)


def test_export_context_footer_and_scope_name_the_snapshot(lake):
    from kemitraan.export import context
    from kemitraan.queries.filters import Filters

    store, moments = lake
    sid, when, _ = moments["ab"]
    past = store.at(sid)
    con = past.connect()
    try:
        ctx = context.build_context(con, past, Filters(), "en")
    finally:
        con.close()
    assert ctx.snapshot_id == sid and ctx.n_batches == 2
    # the footer (one line on every slide and printed page) names the snapshot; the scope table also its time
    assert ctx.footer().endswith(f" · snapshot {sid}")
    assert ("Data snapshot", f"snapshot {sid} · {when.isoformat(sep=' ', timespec='seconds')}") in ctx.scope_rows()


# --- the pages ------------------------------------------------------------------------------------------------------


def _page(store, monkeypatch, **params):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("KEMITRAAN_DATA_DIR", str(store.root))
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def _text(at) -> str:
    return " ".join(str(e.value) for kind in ("metric", "info", "warning", "caption", "markdown") for e in at.get(kind))


def test_page_with_per_shows_the_banner_and_the_older_figures(lake, monkeypatch):
    store, moments = lake
    sid, when, _ = moments["a"]
    at = _page(store, monkeypatch, per=str(sid))
    assert not at.exception, [e.value for e in at.exception]
    banner = [i.value for i in at.info if "snapshot" in i.value]
    assert banner and f"(snapshot {sid})" in banner[0] and banner[0].startswith("Data per ")
    assert at.sidebar.text_input[0].value == str(sid)
    # the service contacts (reach) as they stood then, and now: 450 and 190
    past_reach, now_reach = (fmt_number(expected(live)[0], "id") for live in (["a"], ["b"]))
    assert past_reach != now_reach
    assert {m.label: m.value for m in at.metric}["Kontak layanan"] == past_reach
    latest = _page(store, monkeypatch)
    assert not [i for i in latest.info if "snapshot" in i.value]
    assert {m.label: m.value for m in latest.metric}["Kontak layanan"] == now_reach


def test_page_with_a_bad_per_says_so_and_shows_the_latest(lake, monkeypatch):
    store, _ = lake
    at = _page(store, monkeypatch, per="2000-01-01", lang="en")
    assert not at.exception, [e.value for e in at.exception]
    warned = " ".join(w.value for w in at.warning)
    assert "earliest available moment" in warned and "showing the latest data" in warned
    assert not [i for i in at.info if "(snapshot" in i.value]


def test_upload_page_with_per_is_read_only(lake, monkeypatch, users):
    """The upload page alone (as tests/test_unggah_data.py runs it), the snapshot as the sidebar resolved it."""
    from streamlit.testing.v1 import AppTest

    from kemitraan.app.session import PER_SNAPSHOT

    store, moments = lake
    monkeypatch.setenv("KEMITRAAN_DATA_DIR", str(store.root))
    for snapshot, editable in ((moments["a"][0], False), (None, True)):
        at = AppTest.from_file(str(Path(APP).parent / "pages" / "unggah_data.py"), default_timeout=60)
        at.session_state[PER_SNAPSHOT] = snapshot
        at = login(at.run())
        assert not at.exception, [e.value for e in at.exception]
        assert bool(at.get("file_uploader")) is editable, snapshot
        assert bool([b for b in at.button if b.key == "upload_undo"]) is editable, snapshot


def test_notes_are_read_as_they_stood(lake):
    store, _ = lake
    before = store.snapshot()
    Notes(store).add("catatan rapat", "slide", "ringkasan", author="ani")
    assert [n.text for n in Notes(store).for_slide("ringkasan")] == ["catatan rapat"]
    assert Notes(store.at(before)).for_slide("ringkasan") == []


def test_only_the_last_past_bases_are_kept(tmp_path):
    import os

    from kemitraan.storage import analysis_cache

    for i in range(1, 6):
        (tmp_path / f"per-{i}").mkdir()
        os.utime(tmp_path / f"per-{i}", (1_000_000 + i, 1_000_000 + i))
    (tmp_path / "per-9").mkdir()
    analysis_cache._prune_past(tmp_path / "per-9")
    kept = sorted(p.name for p in tmp_path.glob("per-*"))
    assert len(kept) == analysis_cache.KEEP_PAST and kept == ["per-4", "per-5", "per-9"]
    analysis_cache._prune_past(tmp_path)  # the current store's folder prunes nothing
    assert len(list(tmp_path.glob("per-*"))) == analysis_cache.KEEP_PAST
