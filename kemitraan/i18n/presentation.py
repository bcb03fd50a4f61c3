"""Strings of the Presentasi page, the meeting-note form and list, the deck downloads on every page and the
print stylesheet."""

STRINGS: dict[str, tuple[str, str]] = {
    # the page
    "page.presentasi": ("Presentasi", "Presentation"),
    "pres.prev": ("Sebelumnya", "Previous"),
    "pres.next": ("Berikutnya", "Next"),
    "pres.position": ("Slide {i} dari {n}", "Slide {i} of {n}"),
    "pres.keys": ("Tombol panah ← → berpindah slide.", "The arrow keys ← → move between slides."),
    "pres.settings": ("Atur slide", "Arrange slides"),
    "pres.pick": ("Slide dan urutannya", "Slides and their order"),
    "pres.pick.help": (
        "Urutan pilihan adalah urutan slide. Tautan halaman ini menyimpan pilihan dan filter, jadi presentasi "
        "yang sudah disiapkan cukup dibagikan sebagai tautan.",
        "The order you pick them in is the order of the slides. This page's link keeps the choice and the "
        "filters, so a prepared presentation is shared as a link.",
    ),
    "pres.pick.empty": ("Pilih sedikitnya satu slide.", "Pick at least one slide."),
    "pres.reset": ("Kembalikan urutan bawaan", "Back to the default deck"),
    "pres.unknown": (
        "Slide tidak dikenal di tautan diabaikan: {keys}.",
        "Unknown slides in the link were left out: {keys}.",
    ),
    "pres.speaker_notes": ("Catatan pembicara", "Speaker notes"),
    "pres.speaker_notes.help": (
        "Tampil di bawah slide; disembunyikan dalam mode layar penuh.",
        "Shown under the slide; hidden in full screen.",
    ),
    "pres.fullscreen": ("Layar penuh", "Full screen"),
    "pres.exit": ("Keluar dari presentasi", "Leave the presentation"),
    "pres.definitions": ("Definisi dan metode", "Definitions and method"),
    "pres.downloads": ("Unduh presentasi ini", "Download this deck"),
    "pres.empty_slide": ("Tidak ada yang dapat digambar untuk filter ini.", "Nothing to draw for these filters."),
    # meeting notes in the app
    "mnote.header": ("Catatan rapat", "Meeting notes"),
    "mnote.none": ("Belum ada catatan.", "No notes yet."),
    "mnote.text": ("Tulis catatan rapat", "Write a meeting note"),
    "mnote.text.help": (
        "Teks biasa: ditampilkan persis seperti diketik, juga di PowerPoint, HTML dan XLSX.",
        "Plain text: shown exactly as typed, in PowerPoint, HTML and XLSX too.",
    ),
    "mnote.save": ("Simpan catatan", "Save note"),
    "mnote.saved": ("Catatan tersimpan.", "Note saved."),
    "mnote.as": (
        "Ditulis sebagai {author}, dengan filter saat ini.",
        "Written as {author}, under the current filters.",
    ),
    "mnote.read_only": (
        "Hanya editor yang dapat menulis catatan (di komputer ini, atau setelah masuk sebagai editor).",
        "Only an editor can write notes (on this computer, or after logging in as an editor).",
    ),
    "mnote.meta": ("{author} · {when} · {filters}", "{author} · {when} · {filters}"),
    # deck downloads on the pages
    "dl.header": ("Unduh halaman ini", "Download this page"),
    "dl.intro": (
        "PowerPoint (grafik dapat diedit), laporan HTML luring dan XLSX berisi data di balik tiap grafik, "
        "dengan filter dan bahasa saat ini. Slide: {slides}.",
        "PowerPoint (editable charts), an offline HTML report and an XLSX of the data behind each chart, with "
        "the current filters and language. Slides: {slides}.",
    ),
    "dl.prepare": ("Siapkan unduhan", "Prepare downloads"),
    "dl.preparing": ("Menyiapkan unduhan…", "Preparing the downloads…"),
    "dl.step.deck": ("Menghitung {n} slide…", "Computing {n} {n|slide|slides}…"),
    "dl.step.pptx": ("Menulis PowerPoint…", "Writing PowerPoint…"),
    "dl.step.html": ("Menulis laporan HTML…", "Writing the HTML report…"),
    "dl.step.xlsx": ("Menulis XLSX…", "Writing XLSX…"),
    "dl.ready": ("Siap dalam {s} detik", "Ready in {s} s"),
    "dl.pptx": ("PowerPoint (.pptx)", "PowerPoint (.pptx)"),
    "dl.html": ("Laporan HTML (luring)", "HTML report (offline)"),
    "dl.xlsx": ("Data (.xlsx)", "Data (.xlsx)"),
    "dl.stale": (
        "Filter atau bahasa berubah: siapkan lagi agar unduhan sesuai tampilan.",
        "The filters or the language changed: prepare again so the downloads match the view.",
    ),
    # print stylesheet
    "print.page": ("Halaman", "Page"),
}
