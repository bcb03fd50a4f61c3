"""Strings of the presentation deck, its exports (PPTX, HTML, XLSX), the ``export`` command and meeting notes."""

STRINGS: dict[str, tuple[str, str]] = {
    # meeting notes
    "notes.err.text_empty": ("Catatan kosong: tulis isi catatannya.", "Empty note: write the note's text."),
    "notes.err.text_long": (
        "Catatan terlalu panjang: {n} karakter, paling banyak {limit}.",
        "Note too long: {n} characters, at most {limit}.",
    ),
    "notes.err.text_char": (
        "Catatan memuat karakter kontrol {code} pada posisi {pos}; hapus karakter itu.",
        "The note holds the control character {code} at position {pos}; remove it.",
    ),
    "notes.err.author_empty": ("Isi nama penulis catatan.", "Fill in the note's author."),
    "notes.err.author_long": (
        "Nama penulis terlalu panjang: {n} karakter, paling banyak {limit}.",
        "Author name too long: {n} characters, at most {limit}.",
    ),
    "notes.err.author_char": (
        "Nama penulis memuat karakter kontrol {code} pada posisi {pos}.",
        "The author name holds the control character {code} at position {pos}.",
    ),
    "notes.err.target_kind": (
        "Sasaran catatan «{kind}» tidak dikenal; diharapkan: {kinds}.",
        "Unknown note target «{kind}»; expected: {kinds}.",
    ),
    "notes.err.slide_key": (
        "Kunci slide «{key}» tidak sah; diharapkan huruf kecil, angka atau _ (mis. jangkauan).",
        "Invalid slide key «{key}»; expected lower-case letters, digits or _ (e.g. jangkauan).",
    ),
    "notes.err.kemitraan_key": ("Kode kemitraan «{key}» tidak sah.", "Invalid partnership code «{key}»."),
    "notes.err.unknown": ("Catatan «{id}» tidak ditemukan (atau sudah dihapus).", "Note «{id}» not found (or already deleted)."),
}
