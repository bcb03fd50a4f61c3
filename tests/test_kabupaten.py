"""Kabupaten/kota matched to the 514 areas of the reference list (docs/DATA_CONTRACT.md, "Kabupaten/kota").

Upload: spellings of one area land as one area (its Kemendagri code and canonical name); a name that fits two
areas, none, or an area of another province is refused where it stands, with the areas it may mean, and nothing
is stored. Stores written before the matching: mapped on open without touching their files, and
``python -m kemitraan kabupaten`` reports what could not be matched. Filters read any spelling.

Expected figures are the hand-built numbers below, and the contacts per area are recomputed with plain SQL
over the stored Parquet files (never through kemitraan.queries).
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import duckdb
import pandas as pd
import pytest
from conftest import indicator_row, partnership

from kemitraan import contract
from kemitraan.cli import main
from kemitraan.ingest import commit, prepare
from kemitraan.ingest.problems import IngestRefused
from kemitraan.queries import filter_codes, indicators, overview
from kemitraan.queries.filters import Filters
from kemitraan.storage.store import Store

HEADER = [
    "kode_kemitraan",
    "nama_kemitraan",
    "kategori",
    "bidang",
    "mitra_utama",
    "provinsi",
    "kabupaten_kota",
    "tanggal_mulai",
]
# Contacts per partnership in 2024 (four monthly reports each): 4,000 + 800 + 200 + 1,000 in Kabupaten Bogor.
CONTACTS = {"B1": 1000.0, "B2": 200.0, "B3": 50.0, "B4": 250.0, "K1": 300.0}
BOGOR_CONTACTS = 4 * (1000 + 200 + 50 + 250)  # 6,000: the four spellings of Kabupaten Bogor
KOTA_BOGOR_CONTACTS = 4 * 300


def _csv(rows: list[list[str]], header=HEADER) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def _partner(kode: str, prov: str, kab: str) -> list[str]:
    return [kode, f"Kemitraan {kode}", "pemerintah_lsm", "kb", "Dinas PPKB", prov, kab, "2023-01-01"]


def _indicators() -> bytes:
    rows = [[k, f"2024-{m:02d}", "terjangkau", str(v)] for k, v in CONTACTS.items() for m in (1, 2, 3, 4)]
    return _csv(rows, header=["kode_kemitraan", "periode", "kode_indikator", "nilai"])


def _upload(store: Store, partners: list[list[str]], *, with_indicators: bool = True):
    files = [("mitra.csv", _csv(partners))]
    if with_indicators:
        files.append(("capaian.csv", _indicators()))
    return prepare(store, files)


def _errors(report, lang: str) -> list[str]:
    return [p.message(lang) for p in report.errors if "kabupaten" in (p.column or "")]


# --- upload ------------------------------------------------------------------------------------------


def test_spellings_of_one_area_land_as_one_area_with_its_contacts_summed(tmp_path):
    store = Store(tmp_path / "data")
    report = _upload(
        store,
        [
            _partner("B1", "Jawa Barat", "Kab. Bogor"),
            _partner("B2", "Jabar", "Kabupaten Bogor"),
            _partner("B3", "Jawa Barat", "KAB  BOGOR"),
            _partner("B4", "32", "32.01"),
            _partner("K1", "Jawa Barat", "Kota Bogor"),
        ],
    )
    assert report.ok, [p.message("en") for p in report.errors]
    commit(store, report)

    # Independently: the stored Parquet rows, latest batch only, joined and summed by plain SQL.
    raw = (
        duckdb.connect()
        .execute(
            f"""SELECT k.kabupaten_kode, k.kabupaten_kota, sum(i.nilai)
            FROM read_parquet('{store.kind_glob("kemitraan")}', union_by_name = true) k
            JOIN read_parquet('{store.kind_glob("indikator")}', union_by_name = true) i
            USING (kode_kemitraan) WHERE i.kode_indikator = 'terjangkau' GROUP BY ALL ORDER BY 1"""
        )
        .fetchall()
    )
    assert raw == [("32.01", "Kabupaten Bogor", BOGOR_CONTACTS), ("32.71", "Kota Bogor", KOTA_BOGOR_CONTACTS)]

    con = store.connect()
    year = Filters(dt.date(2024, 1, 1), dt.date(2024, 12, 1))
    by_area = indicators.indicator_totals(con, year, ["terjangkau"], by="kabupaten_kota")
    assert dict(zip(by_area["kabupaten_kota"], by_area["nilai"])) == {
        "Kabupaten Bogor": BOGOR_CONTACTS,
        "Kota Bogor": KOTA_BOGOR_CONTACTS,
    }
    assert overview.kabupaten_options(con) == ["32.01", "32.71"]  # the filter offers two areas, not five spellings
    only = indicators.indicator_totals(
        con, Filters(year.period_from, year.period_to, kabupaten=("32.01",)), ["terjangkau"]
    )
    assert only["nilai"].iloc[0] == BOGOR_CONTACTS


def test_bogor_without_kabupaten_or_kota_is_refused_with_both_areas_in_both_languages(tmp_path):
    store = Store(tmp_path / "data")
    report = _upload(store, [_partner("B1", "Jawa Barat", "Kab. Bogor"), _partner("B2", "Jawa Barat", "BOGOR")])
    assert not report.ok
    (id_msg,), (en_msg,) = _errors(report, "id"), _errors(report, "en")
    assert "mitra.csv" in id_msg and "baris 3" in id_msg and "kabupaten_kota" in id_msg and "«BOGOR»" in id_msg
    assert "mungkin maksud Anda: Kabupaten Bogor / Kota Bogor" in id_msg
    assert "row 3" in en_msg and "did you mean: Kabupaten Bogor / Kota Bogor" in en_msg
    with pytest.raises(IngestRefused):
        commit(store, report)
    assert store.is_empty()  # nothing stored, not even the good row


def test_an_unknown_name_is_refused_with_the_nearest_areas(tmp_path):
    report = _upload(Store(tmp_path / "data"), [_partner("B1", "Jawa Barat", "Kab. Sukabumy")], with_indicators=False)
    (msg,) = _errors(report, "id")
    assert "«Kab. Sukabumy»" in msg and "514 kabupaten/kota" in msg and "mungkin maksud Anda: Kabupaten Sukabumi" in msg
    (msg_en,) = _errors(report, "en")
    assert "did you mean: Kabupaten Sukabumi" in msg_en


def test_an_area_of_another_province_is_refused(tmp_path):
    report = _upload(
        Store(tmp_path / "data"),
        [_partner("B1", "Jawa Barat", "Kabupaten Sleman"), _partner("B2", "Jawa Tengah", "32.01")],
        with_indicators=False,
    )
    first, second = _errors(report, "id")
    assert "«Kabupaten Sleman»" in first and "(Jawa Barat)" in first and "DI Yogyakarta" in first
    assert "«32.01»" in second and "(Jawa Tengah)" in second and "Kabupaten Bogor" in second
    assert "the one with this name is in DI Yogyakarta" in _errors(report, "en")[0]


def test_the_province_tells_same_named_areas_apart(tmp_path):
    store = Store(tmp_path / "data")
    report = _upload(
        store,
        [_partner("B1", "Jawa Barat", "Banjar"), _partner("B2", "Kalimantan Selatan", "banjar")],
        with_indicators=False,
    )
    assert report.ok, [p.message("en") for p in report.errors]
    commit(store, report)
    rows = (
        store.connect()
        .execute("SELECT kode_kemitraan, kabupaten_kode, kabupaten_kota FROM kemitraan ORDER BY 1")
        .fetchall()
    )
    assert rows == [("B1", "32.79", "Kota Banjar"), ("B2", "63.03", "Kabupaten Banjar")]


# --- stores written before matching ------------------------------------------------------------------


def _old_store(tmp_path) -> Store:
    """Partnership rows as the store held them before kabupaten/kota were matched: the name as typed, no code
    (the frame has no ``kabupaten_kode``, as an older writer's had not; the file holds it empty)."""
    store = Store(tmp_path / "data")
    partners = pd.DataFrame(
        [
            partnership("A", kabupaten_kota="Kab. Bogor"),
            partnership("B", kabupaten_kota="Kabupaten Bogor"),
            partnership("C", kabupaten_kota="BOGOR"),
            partnership("D", kabupaten_kota="Sukabumy"),
            partnership("E", kabupaten_kota="Kab. Sleman"),
            partnership("F"),
        ]
    ).drop(columns=["kabupaten_kode"])
    reports = [
        indicator_row(k, "2024-03", "terjangkau", v)
        for k, v in {"A": 4000.0, "B": 800.0, "C": 100.0, "D": 10.0}.items()
    ]
    with store.new_batch(None, file="lama.csv") as b:
        b.write_df("kemitraan", partners)
        b.write_df("indikator", pd.DataFrame(reports, columns=contract.stored_columns("indikator")))
    return store


def test_an_old_store_is_mapped_on_open_and_its_files_are_left_as_uploaded(tmp_path):
    store = _old_store(tmp_path)
    con = store.connect()
    rows = con.execute("SELECT kode_kemitraan, kabupaten_kode, kabupaten_kota FROM kemitraan ORDER BY 1").fetchall()
    assert rows == [
        ("A", "32.01", "Kabupaten Bogor"),
        ("B", "32.01", "Kabupaten Bogor"),
        ("C", None, "BOGOR"),
        ("D", None, "Sukabumy"),
        ("E", None, "Kab. Sleman"),
        ("F", None, None),
    ]
    year = Filters(dt.date(2024, 1, 1), dt.date(2024, 12, 1))
    by_area = indicators.indicator_totals(con, year, ["terjangkau"], by="kabupaten_kode")
    assert dict(zip(by_area["kabupaten_kode"], by_area["nilai"]))["32.01"] == 4000 + 800  # one district, not two
    stored = (
        duckdb.connect()
        .execute(
            f"SELECT kabupaten_kota FROM read_parquet('{store.kind_glob('kemitraan')}', union_by_name = true) "
            "WHERE kode_kemitraan = 'A'"
        )
        .fetchall()
    )
    assert stored == [("Kab. Bogor",)]  # nothing uploaded is silently changed


@pytest.mark.parametrize(
    "lang,words",
    [
        (
            "id",
            [
                "2 dipetakan",
                "3 tidak dapat dipetakan",
                "«Kab. Bogor» → Kabupaten Bogor (32.01)",
                "«BOGOR»: lebih dari satu",
                "mungkin maksud Anda: Kabupaten Bogor / Kota Bogor",
                "«Sukabumy»: bukan salah satu",
                "Kabupaten Sukabumi / Kota Sukabumi",
                "«Kab. Sleman»: kabupaten/kota bernama demikian ada di provinsi lain",
            ],
        ),
        (
            "en",
            [
                "2 mapped",
                "3 could not be mapped",
                "did you mean: Kabupaten Bogor / Kota Bogor",
                "«Kab. Sleman»: the kabupaten/kota with this name is in another province",
            ],
        ),
    ],
)
def test_the_kabupaten_command_reports_what_could_not_be_matched(tmp_path, capsys, lang, words):
    store = _old_store(tmp_path)
    code = main(["--data-dir", str(store.root), "kabupaten", "--lang", lang])
    out = capsys.readouterr().out
    assert code == 1
    for w in words:
        assert w in out, w


def test_the_kabupaten_command_is_quiet_when_every_area_has_its_code(tmp_path, capsys):
    store = Store(tmp_path / "data")
    commit(store, _upload(store, [_partner("B1", "Jawa Barat", "Kab. Bogor")], with_indicators=False))
    assert main(["--data-dir", str(store.root), "kabupaten"]) == 0
    assert "sudah memakai kode Kemendagri" in capsys.readouterr().out


# --- filters ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["Kab. Bogor", "kabupaten bogor", "KAB BOGOR", "32.01", "Bogor Regency"])
def test_a_filter_reads_any_spelling_as_the_code(text):
    assert filter_codes.area_match(text).kode == "32.01"


def test_a_filter_uses_the_chosen_province_for_same_named_areas():
    assert filter_codes.area_match("Banjar").status == "ambiguous"
    assert filter_codes.area_match("Banjar", ("63",)).kode == "63.03"
    assert filter_codes.from_codes({"kabupaten": ["32.01", "99.99"]}).kabupaten == ("32.01",)
