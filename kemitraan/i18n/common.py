"""Strings shared by the app shell, the command line and several pages."""

STRINGS: dict[str, tuple[str, str]] = {
    "app.title": ("Dasbor Kemitraan", "Partnership Dashboard"),
    "app.tagline": (
        "Jangkauan, keberlanjutan, dan dampak kemitraan kesehatan di Indonesia",
        "Reach, sustainability and impact of health partnerships in Indonesia",
    ),
    "app.language": ("Bahasa", "Language"),
    "app.unexpected": (
        "Terjadi galat yang tidak terduga (referensi {ref}). Data Anda aman; sampaikan kode referensi ini kepada "
        "pengelola dasbor.",
        "An unexpected error occurred (reference {ref}). Your data is safe; give this reference to the dashboard's "
        "administrator.",
    ),
    "filters.header": ("Filter", "Filters"),
    "filters.period": ("Rentang periode", "Period range"),
    "filters.kategori": ("Kategori kemitraan", "Partnership category"),
    "filters.bidang": ("Bidang program", "Program area"),
    "filters.provinsi": ("Provinsi", "Province"),
    "filters.all": ("Semua", "All"),
    "filters.reset": ("Hapus filter", "Clear filters"),
    "empty.no_data": (
        "Tidak ada data untuk filter ini. Ubah atau hapus filter di panel samping.",
        "No data for these filters. Change or clear the filters in the sidebar.",
    ),
    "common.months": ("Jan Feb Mar Apr Mei Jun Jul Agu Sep Okt Nov Des", "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec"),
    "common.quarter": ("Tw {nomor} {year}", "Q{nomor} {year}"),  # Indonesian numbers quarters in Roman numerals
    "common.others": ("Lainnya", "Others"),
    "unit.people": ("orang", "people"),
    "common.total": ("Total", "Total"),
}
