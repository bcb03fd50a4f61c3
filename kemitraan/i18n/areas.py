"""`python -m kemitraan kabupaten`: the report of how stored kabupaten/kota names map to the 514 areas."""

STRINGS: dict[str, tuple[str, str]] = {
    "kabupaten.cli.all_coded": (
        "Semua kabupaten/kota yang tersimpan sudah memakai kode Kemendagri: tidak ada yang perlu dipetakan.",
        "Every stored kabupaten/kota carries its Kemendagri code: nothing to map.",
    ),
    "kabupaten.cli.summary": (
        "Nama kabupaten/kota tersimpan tanpa kode: {matched} dipetakan saat data dibuka, {unmatched} tidak dapat "
        "dipetakan (berkas unggahan tidak diubah).",
        "Kabupaten/kota names stored without a code: {matched} mapped when the data is opened, {unmatched} could "
        "not be mapped (the uploaded files are not changed).",
    ),
    "kabupaten.cli.unmatched": (
        "Tidak dapat dipetakan (tetap seperti ditulis, tanpa kode, tidak muncul di filter kabupaten/kota; unggah "
        "ulang kemitraannya dengan nama atau kode dari daftar):",
        "Could not be mapped (kept as written, without a code, not offered by the kabupaten/kota filter; upload "
        "the partnership again with a name or code from the list):",
    ),
    "kabupaten.cli.partnerships": ("{n} kemitraan", "{n} {n|partnership|partnerships}"),
    "kabupaten.cli.status.ambiguous": (
        "lebih dari satu kabupaten/kota bernama demikian",
        "more than one kabupaten/kota has this name",
    ),
    "kabupaten.cli.status.unknown": ("bukan salah satu dari 514 kabupaten/kota", "not one of the 514 kabupaten/kota"),
    "kabupaten.cli.status.other_province": (
        "kabupaten/kota bernama demikian ada di provinsi lain",
        "the kabupaten/kota with this name is in another province",
    ),
}
