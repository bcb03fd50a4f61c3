"""Strings of the "Unggah Data" page's history, undo and redo, the demo beside one's own data, the problems by
cause and the example files (kemitraan.app.upload_history, upload_problems, upload_examples)."""

STRINGS: dict[str, tuple[str, str]] = {
    # --- the history table and undo / redo -------------------------------------------------------------
    "upload.history.action": ("Bisa dilakukan", "Can be done"),
    "upload.history.help": (
        "Setiap batch, yang terbaru di atas. Batch aktif dapat dibatalkan; batch yang dibatalkan dapat dikembalikan.",
        "Every batch, newest first. A live batch can be undone; an undone batch can be brought back.",
    ),
    "upload.undo.orphans": (
        "{n} baris dari batch lain kini tanpa kemitraan; panel Kualitas data mencantumkannya sebagai baris yatim.",
        "{n} {n|row|rows} of other batches are now without a partnership; the Data quality panel lists them as "
        "orphan rows.",
    ),
    # --- start with my own data ------------------------------------------------------------------------
    "upload.demo.start": ("Mulai dengan data saya sendiri", "Start with my own data"),
    "upload.demo.live_state": (
        "Data demo (sintetis) sedang tampil di semua halaman.",
        "The synthetic demo data shows on every page.",
    ),
    "upload.demo.hidden_state": (
        "Data demo disembunyikan: hanya data Anda yang tampil. Data demo tidak dihapus.",
        "The demo data is hidden: only your data shows. The demo data is not deleted.",
    ),
    # --- progress of a commit --------------------------------------------------------------------------
    "upload.progress.commit": ("Menyimpan…", "Storing…"),
    # --- the problems, by cause ------------------------------------------------------------------------
    "upload.problems.by_cause": (
        "Satu baris per penyebab, penyebab utama lebih dulu: perbaiki yang teratas dulu, sering kali masalah di "
        "bawahnya ikut hilang.",
        "One line per cause, root causes first: fix the top one first; the ones below it often go away with it.",
    ),
    "upload.problems.detail": (
        "Setiap masalah per baris (saring dan unduh)",
        "Every problem by row (filter and download)",
    ),
    # --- example files ---------------------------------------------------------------------------------
    "upload.examples.header": ("Contoh berkas untuk dicoba", "Example files to try"),
    "upload.examples.help": (
        "Berkas sintetis seperti yang biasa dimiliki evaluator. Berkas indikator dan survei memakai kode kemitraan "
        "data demo: unggah ketika data demo masih tampil, dan berkas kemitraan lebih dulu.",
        "Synthetic files as evaluators have them. The indicator and survey files name the demo's partnerships: "
        "upload them while the demo data shows, and the partnership file first.",
    ),
    "upload.examples.zip": ("Unduh semua contoh (ZIP)", "Download all examples (ZIP)"),
    "upload.examples.zip_file": ("contoh_berkas.zip", "example_files.zip"),
    "upload.examples.file.kemitraan_jawa_barat.xlsx": (
        "Kemitraan (XLSX): judul di atas tabel, baris JUMLAH, kolom data pribadi",
        "Partnerships (XLSX): a title above the table, a totals row, personal-data columns",
    ),
    "upload.examples.file.capaian_bulanan_kb.csv": (
        "Indikator bulanan (CSV, format Indonesia, satu kolom per indikator)",
        "Monthly indicators (CSV, Indonesian formats, one column per indicator)",
    ),
    "upload.examples.file.survei_kobo_kumulatif.xlsx": (
        "Survei: ekspor KoboToolbox kumulatif (XLSX)",
        "Survey: a cumulative KoboToolbox export (XLSX)",
    ),
    "upload.examples.file.dhis2_datavalueset.csv": (
        "Indikator: data value set DHIS2 (CSV)",
        "Indicators: a DHIS2 data value set (CSV)",
    ),
    "upload.examples.file.dhis2_datavalueset.json": (
        "Indikator: data value set DHIS2 (JSON)",
        "Indicators: a DHIS2 data value set (JSON)",
    ),
}
