"""`python -m kemitraan ingest --lang id|en`: every line the command prints is in the chosen language."""

from __future__ import annotations

import re

import pytest

from kemitraan.cli import main
from tests import corpus as C

# Words of the other language that must not appear outside quoted user data («…») and identifiers (kode_kemitraan).
NOT_EN = {
    "kemitraan",
    "indikator",
    "survei",
    "baris",
    "kolom",
    "lembar",
    "diharapkan",
    "catatan",
    "berkas",
    "baru",
    "tidak",
    "disimpan",
    "galat",
    "unggahan",
    "mungkin",
    "harus",
    "bukan",
}
NOT_ID = {
    "row",
    "rows",
    "column",
    "expected",
    "partnerships",
    "indicators",
    "survey",
    "stored",
    "note",
    "file",
    "error",
    "new",
    "unchanged",
    "invalid",
    "refused",
    "must",
    "did",
    "mean",
}
BUILDERS = (
    C.kemitraan_csv_comma,
    C.no_header,
    C.unknown_values,
    C.orphan_code,
    C.binary_file,
    C.docx_like_zip,
    C.duplicate_key,
    C.kobo_csv_xml,
    C.dhis2_csv,
    C.header_only,
    C.mixed_number_conventions,
    C.ragged_csv,
    C.missing_key_column,
    C.unknown_province,
)


def words(text: str) -> set[str]:
    text = re.sub(r"«[^»]*»", " ", text)  # user data and column names as written in the file
    tokens = re.findall(r"[\w.=-]+", text.lower())
    return {t for t in tokens if "_" not in t and "." not in t and "=" not in t}


@pytest.fixture
def paths(tmp_path):
    out = []
    for build in BUILDERS:
        name, data = build()
        p = tmp_path / "in" / name
        p.parent.mkdir(exist_ok=True)
        p.write_bytes(data)
        out.append(str(p))
    return out


@pytest.mark.parametrize("lang, foreign", [("en", NOT_EN), ("id", NOT_ID)])
def test_ingest_output_is_in_one_language(tmp_path, capsys, paths, lang, foreign):
    data = str(tmp_path / "data")
    code = main(["--data-dir", data, "ingest", *paths, "--lang", lang])
    out, err = capsys.readouterr()
    assert code == 1 and out and err.count("\n") > 10
    assert not words(out + err) & foreign, sorted(words(out + err) & foreign)
    code = main(["--data-dir", data, "ingest", paths[0], "--lang", lang])
    out, err = capsys.readouterr()
    assert code == 0 and not words(out + err) & foreign
    if lang == "en":
        assert "partnerships: 3 new" in out
    code = main(["--data-dir", data, "ingest", paths[0], "--kind", "kucing", "--lang", lang])
    out, err = capsys.readouterr()
    assert code == 2 and "kucing" in err
    # the choices are the option's values (identifiers); around them, only the chosen language
    assert not words(err.replace("kemitraan", "").replace("indikator", "").replace("survei", "")) & foreign
