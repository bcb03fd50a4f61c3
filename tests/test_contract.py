import re
from pathlib import Path

import pytest

from kemitraan import contract

DOC = (Path(__file__).resolve().parent.parent / "docs" / "DATA_CONTRACT.md").read_text(encoding="utf-8")

REQUIRED_INDICATORS = (
    "sasaran terjangkau kelompok_rentan_terjangkau peserta_kb_baru peserta_kb_aktif layanan dana_komitmen_idr "
    "dana_realisasi_idr porsi_dana_lokal_pct jumlah_sumber_dana kader_dilatih pertemuan_koordinasi mitra_aktif "
    "mcpr_pct unmet_need_pct kehamilan_remaja_per1000 cakupan_imunisasi_pct stunting_pct kepuasan_klien_pct"
).split()


def _documented_columns(kind: str) -> set[str]:
    """The first cells of the first table under the doc's heading for ``kind`` (``## n. `kind` — …``)."""
    section = re.search(rf"^## \d\. `{kind}`.*?$(.*?)(?=^## )", DOC, flags=re.S | re.M)
    assert section, f"docs/DATA_CONTRACT.md has no section for {kind}"
    table = re.search(r"^\|.*?(?=^[^|]|\Z)", section.group(1), flags=re.S | re.M)
    names: set[str] = set()
    for line in table.group(0).splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells[0] not in ("column", "") and not set(cells[0]) <= set("-: "):
            names.update(n.strip(" `") for n in cells[0].split(","))
    return names


@pytest.mark.parametrize("kind", contract.KINDS)
def test_the_doc_tables_list_exactly_the_contract_columns(kind):
    """Each kind's table in docs/DATA_CONTRACT.md names every column a file may hold, and nothing else."""
    in_code = {c.name for c in contract.input_columns(kind)}
    assert _documented_columns(kind) == in_code


@pytest.mark.parametrize("kind", contract.KINDS)
def test_derived_columns_are_explained_in_the_doc(kind):
    for name in contract.DERIVED_COLUMNS[kind]:
        assert f"`{name}`" in DOC, f"{kind}.{name} (derived) is not explained in docs/DATA_CONTRACT.md"


@pytest.mark.parametrize("enum", ["kategori", "fokus", "bidang", "peran", "tantangan"])
def test_every_enum_code_is_documented(enum):
    for code in contract.enum_codes(enum):
        assert f"`{code}`" in DOC, f"{enum}.{code} missing from docs/DATA_CONTRACT.md"


def test_keys_are_columns():
    for kind, keys in contract.KEYS.items():
        names = contract.stored_columns(kind)
        assert all(k in names for k in keys)


@pytest.mark.parametrize(
    "header,kind,expected",
    [
        ("Kode Kemitraan", "kemitraan", "kode_kemitraan"),
        ("PARTNERSHIP_ID", "indikator", "kode_kemitraan"),
        ("grp_penilaian/kepercayaan", "survei", "kepercayaan"),
        ("grp_penilaian-komunikasi", "survei", "komunikasi"),
        ("Tanggal  Mulai", "kemitraan", "tanggal_mulai"),
        ("Anggaran (Rp)", "kemitraan", "anggaran_idr"),
        ("_uuid", "survei", "respon_id"),
        ("Provínsi", "kemitraan", "provinsi"),
        ("value", "indikator", "nilai"),
        ("warna favorit", "kemitraan", None),
    ],
)
def test_header_matching(header, kind, expected):
    assert contract.match_header(header, kind) == expected


@pytest.mark.parametrize(
    "value,code",
    [
        ("Pemerintah–LSM", "pemerintah_lsm"),
        ("Government-NGO", "pemerintah_lsm"),
        ("PPP", "publik_swasta"),
        ("Swasta–Publik", "publik_swasta"),
        ("KPS", "publik_swasta"),
        ("community-based", "berbasis_masyarakat"),
        ("Nirlaba–Nirlaba", "nirlaba"),
        ("multisektor", "multisektor"),
        ("Internasional", "internasional"),
    ],
)
def test_kategori_spellings(value, code):
    assert contract.enum_code("kategori", value) == code


def test_bidang_spellings_and_unknown():
    assert contract.enum_code("bidang", "KKBPK") == "kb"
    assert contract.enum_code("bidang", "Keluarga Berencana") == "kb"
    assert contract.enum_code("bidang", "Kesehatan Ibu dan Anak") == "kia"
    assert contract.enum_code("bidang", "astronomi") is None


@pytest.mark.parametrize(
    "value,expected",
    [
        (1, 1),
        ("5", 5),
        (4.0, 4),
        ("Sangat setuju", 5),
        ("tidak setuju", 2),
        ("Netral (Ragu-ragu)", 3),
        ("Strongly disagree", 1),
        ("Agree", 4),
        (6, None),
        ("0", None),
        ("setuju sekali?", None),
        (3.5, None),
    ],
)
def test_likert(value, expected):
    assert contract.likert_value(value) == expected


def test_indicator_catalog_is_complete_and_valid():
    cat = contract.indicators()
    assert set(REQUIRED_INDICATORS) <= set(cat)
    for ind in cat.values():
        assert ind.dimensi in contract.ENUMS["dimensi"]
        assert ind.agregasi_waktu in {"jumlah", "terakhir", "rata_rata"}
        assert ind.agregasi_wilayah in {"jumlah", "rata_rata"}
        assert ind.label_id and ind.label_en and ind.definisi_id and ind.definisi_en
    assert cat["unmet_need_pct"].lebih_tinggi_lebih_baik is False
    assert cat["mcpr_pct"].lebih_tinggi_lebih_baik is True
    assert contract.indicator_code("Unmet need KB") == "unmet_need_pct"
    assert contract.indicator_code("People reached") == "terjangkau"


def test_provinces_table():
    provs = contract.provinces()
    assert len(provs) == 38
    assert sum(p.penduduk for p in provs.values()) == 284_973_643
    assert all(re.fullmatch(r"\d{2}", c) for c in provs)


@pytest.mark.parametrize(
    "name,code",
    [
        ("Prov. Jawa Barat", "32"),
        ("DKI JAKARTA", "31"),
        ("D.I. Yogyakarta", "34"),
        ("DIY", "34"),
        ("NTT", "53"),
        ("Babel", "19"),
        ("Provinsi Papua Barat Daya", "92"),
        ("papua", "94"),
        ("Atlantis", None),
    ],
)
def test_province_names(name, code):
    assert contract.province_by_name(name) == code


def test_papua_codes_differ_between_bps_and_kemendagri():
    assert contract.province_by_code("91") == "91"  # BPS 91 = Papua Barat
    assert contract.province_name(contract.province_by_code("91", "kemendagri")) == "Papua"
    assert contract.province_name(contract.province_by_code("96", "kemendagri")) == "Papua Barat Daya"
    assert contract.province_by_code("32.01", "kemendagri") == "32"
    assert contract.province_by_code("99") is None


def test_reach_is_named_as_contacts_and_adolescent_births_as_births():
    reach = contract.indicator("terjangkau")
    assert "kontak" in reach.label_id and "contacts" in reach.label_en
    assert "bukan orang unik" in reach.definisi_id and "not unique people" in reach.definisi_en
    asfr = contract.indicator("kehamilan_remaja_per1000")
    assert asfr.label_id == "Kelahiran remaja (ASFR 15–19, per 1.000)"
    assert asfr.label_en == "Adolescent births (ASFR 15–19, per 1,000)"


@pytest.mark.parametrize(
    "old,code",
    [
        ("Kelahiran remaja", "kehamilan_remaja_per1000"),
        ("Orang terjangkau", "terjangkau"),
        ("People reached", "terjangkau"),
        ("ASFR 15-19", "kehamilan_remaja_per1000"),
        ("Kelompok rentan terjangkau", "kelompok_rentan_terjangkau"),
    ],
)
def test_files_made_with_the_earlier_labels_still_read(old, code):
    assert contract.indicator_code(old) == code


def test_no_alias_stores_a_different_quantity():
    # pregnancies are not births: a column of adolescent pregnancies must not be stored as ASFR (births per 1,000)
    assert contract.indicator_code("Kehamilan remaja") is None
    assert contract.indicator_code("Teenage pregnancy") is None


def test_no_label_or_alias_names_two_indicators():
    seen: dict[str, str] = {}
    for ind in contract.indicators().values():
        for s in {contract.norm_header(x) for x in (ind.kode, ind.label_id, ind.label_en, *ind.alias)}:
            assert seen.setdefault(s, ind.kode) == ind.kode, (s, seen[s], ind.kode)


def test_the_boundaries_cover_every_province_by_its_bps_code_and_ship_with_their_licence():
    from importlib import resources

    areas = contract.boundaries("provinsi")["features"]
    assert sorted(a["id"] for a in areas) == sorted(contract.provinces())
    papua = {a["properties"]["nama"]: a["id"] for a in areas if "Papua" in a["properties"]["nama"]}
    assert papua["Papua"] == "94" and papua["Papua Barat"] == "91"  # BPS codes, not Kemendagri's 91/92
    assert len(contract.boundaries("kabupaten")["features"]) == 514
    assert (
        "MIT License" in resources.files("kemitraan.catalog").joinpath("geo", "LICENSE-wilayah_boundaries").read_text()
    )
