"""``python -m kemitraan kabupaten``: how the kabupaten/kota names of the stored partnerships map to the 514 areas.

Partnerships uploaded before kabupaten/kota were matched carry the name as it was typed and no code. The
store's views map each such name on open (``Store.view_sql``: the same matcher as upload, with the row's
province), without rewriting any uploaded file. This command is the report of that mapping: which names
became which area, and which could not be matched (ambiguous, unknown, in another province) with the areas
they may mean; those keep their name, have no code, and are left out of the kabupaten/kota filter until the
partnership is uploaded again with a name or code from the list. Exit 0 when every name matched, 1 otherwise.
"""

from __future__ import annotations

import json

from kemitraan import contract
from kemitraan.i18n import t

NAME = "kabupaten"
HELP = (
    "Report how the kabupaten/kota names of partnerships stored before matching map to the 514 areas, and "
    "list those that could not be matched; --json for machines."
)


_STATUS = {
    "ambiguous": "kabupaten.cli.status.ambiguous",
    "unknown": "kabupaten.cli.status.unknown",
    "other_province": "kabupaten.cli.status.other_province",
}


def add_arguments(p) -> None:
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--lang", choices=("id", "en"), default="id", help="language of the report")


def run(args, store) -> int:
    lang = args.lang
    found = store.area_mapping()
    unmatched = found[found["status"] != "ok"]
    if args.json:
        rows = [
            {
                "provinsi_kode": r.provinsi_kode,
                "kabupaten_kota": r.kabupaten_kota,
                "kemitraan": int(r.n),
                "status": r.status,
                "kabupaten_kode": r.kabupaten_kode,
                "nama": r.nama,
                "kandidat": [{"kode": c, "nama": contract.area_name(c)} for c in r.kandidat],
            }
            for r in found.itertuples(index=False)
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 1 if len(unmatched) else 0
    if found.empty:
        print(t("kabupaten.cli.all_coded", lang))
        return 0
    ok = found[found["status"] == "ok"]
    print(t("kabupaten.cli.summary", lang, matched=len(ok), unmatched=len(unmatched)))
    for r in ok.itertuples(index=False):
        print(
            f"  {_province(r.provinsi_kode)} · «{r.kabupaten_kota}» → {r.nama} ({r.kabupaten_kode}) "
            f"· {t('kabupaten.cli.partnerships', lang, n=int(r.n))}"
        )
    if len(unmatched):
        print(t("kabupaten.cli.unmatched", lang))
        for r in unmatched.itertuples(index=False):
            names = " / ".join(contract.area_name(c) for c in r.kandidat)
            why = t(_STATUS[r.status], lang)
            hint = f" — {t('ingest.hint.did_you_mean', lang, value=names)}" if names else ""
            print(
                f"  {_province(r.provinsi_kode)} · «{r.kabupaten_kota}»: {why}{hint} "
                f"· {t('kabupaten.cli.partnerships', lang, n=int(r.n))}"
            )
    return 1 if len(unmatched) else 0


def _province(kode: str | None) -> str:
    return contract.province_name(kode) if kode in contract.provinces() else "—"
