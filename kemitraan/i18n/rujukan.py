"""Reference values (kind ``rujukan``): reference lines and comparison areas (docs/METHODS.md §13)."""

STRINGS: dict[str, tuple[str, str]] = {
    "ref.legend": ("{wilayah} — rujukan", "{wilayah} — reference"),
    "ref.lines_note": (
        "Garis putus-putus: nilai rujukan tahunan dari data `rujukan` (nasional dan provinsi kemitraan), "
        "satu nilai per tahun di setiap periode tahun itu; sumbernya di legenda. Nilai rujukan adalah "
        "tingkat seluruh penduduk wilayah, bukan hanya orang yang dijangkau kemitraan.",
        "Dashed lines: yearly reference values from the `rujukan` data (national and the partnerships' "
        "provinces), one value per year at each period of that year; their sources are in the legend. A "
        "reference value is the level of the area's whole population, not only of the people partnerships reach.",
    ),
    "ref.provinces_off": (
        "Garis provinsi tampil bila kemitraan yang tersaring ada di paling banyak {n} provinsi "
        "(saring provinsi di panel samping).",
        "Province lines show when the filtered partnerships lie in at most {n} {n|province|provinces} "
        "(filter provinces in the sidebar).",
    ),
    "ref.metric": ("Rujukan {wilayah} {tahun} ({sumber})", "Reference {wilayah} {tahun} ({sumber})"),
    "ref.none": (
        "Belum ada nilai rujukan untuk indikator ini — unggah data `rujukan` di Unggah Data.",
        "No reference values for this indicator yet — upload `rujukan` data on Upload data.",
    ),
    "ref.compare.header": ("Wilayah pembanding", "Comparison areas"),
    "ref.compare.intro": (
        "Perubahan {indikator} dari {awal} ke {akhir} (nilai rujukan, rata-rata tanpa bobot per kabupaten/kota) "
        "di kabupaten/kota tempat kemitraan yang tersaring dan melaporkan indikator ini bekerja, dibandingkan "
        "dengan kabupaten/kota lain di provinsi yang sama tempat tidak ada kemitraan tersimpan.",
        "Change in {indikator} from {awal} to {akhir} (reference values, unweighted mean over kabupaten/kota) in "
        "the kabupaten/kota where the filtered partnerships that report this indicator work, against the other "
        "kabupaten/kota of the same provinces where no stored partnership works.",
    ),
    "ref.compare.kpi.kemitraan": ("Wilayah kemitraan", "Partnership areas"),
    "ref.compare.kpi.selisih": ("Selisih (kemitraan − pembanding)", "Difference (partnerships − comparison)"),
    "ref.compare.kpi.n": ("{n} kabupaten/kota · {awal}→{akhir}", "{n} kabupaten/kota · {awal}→{akhir}"),
    "ref.compare.kpi.ci": ("IK 95 % (Welch): {lo} s.d. {hi} {satuan}", "95 % CI (Welch): {lo} to {hi} {satuan}"),
    "ref.compare.caution": (
        "Perbandingan deskriptif, bukan bukti dampak: kemitraan tidak ditempatkan secara acak, wilayahnya bisa "
        "berbeda sejak awal dan berubah karena hal lain, dan nilai rujukan memiliki galat survei sendiri. "
        "Selisih yang intervalnya memuat 0 tidak berbeda dari nol pada tingkat 95 %.",
        "A descriptive comparison, not proof of effect: partnerships were not placed at random, their areas may "
        "differ from the start and change for other reasons, and reference values carry survey error of their "
        "own. A difference whose interval contains 0 is not different from zero at the 95 % level.",
    ),
    "ref.compare.none": (
        "Perbandingan tidak dapat dihitung: perlu nilai rujukan kabupaten/kota untuk dua tahun dalam rentang, "
        "dan kemitraan yang tercatat kabupaten/kotanya.",
        "The comparison cannot be computed: it needs kabupaten/kota reference values for two years in the range, "
        "and partnerships with their kabupaten/kota recorded.",
    ),
    "ref.compare.take_none": (
        "Wilayah pembanding: belum cukup data (perlu nilai rujukan kabupaten/kota untuk dua tahun dalam rentang)",
        "Comparison areas: not enough data (needs kabupaten/kota reference values for two years in the range)",
    ),
    "ref.compare.too_few": (
        "Kurang dari 2 kabupaten/kota di salah satu sisi: tidak ada interval.",
        "Fewer than 2 kabupaten/kota on one side: no interval.",
    ),
    "ref.compare.chart.title": (
        "Perubahan {indikator} {awal}→{akhir} ({satuan}), rata-rata kabupaten/kota",
        "Change in {indikator} {awal}→{akhir} ({satuan}), mean over kabupaten/kota",
    ),
    "ref.compare.bar.kemitraan": ("Wilayah kemitraan (n = {n})", "Partnership areas (n = {n})"),
    "ref.compare.bar.pembanding": ("Wilayah pembanding (n = {n})", "Comparison areas (n = {n})"),
    "ref.compare.axis": ("Perubahan rata-rata ({satuan})", "Mean change ({satuan})"),
    "ref.compare.takeaway": (
        "{indikator} {awal}→{akhir}: {pk} di wilayah kemitraan vs {pp} di wilayah pembanding ({satuan}); "
        "selisih {selisih} (deskriptif, bukan bukti dampak)",
        "{indikator} {awal}→{akhir}: {pk} in partnership areas vs {pp} in comparison areas ({satuan}); "
        "difference {selisih} (descriptive, not proof of effect)",
    ),
    "ref.compare.kpi.areas": (
        "Kabupaten/kota (kemitraan + pembanding), {awal}→{akhir}; sumber: {sumber}",
        "Kabupaten/kota (partnership + comparison areas), {awal}→{akhir}; source: {sumber}",
    ),
    "ref.compare.sources": ("Sumber nilai rujukan: {sumber}", "Reference values' source: {sumber}"),
    "angka.section.pembanding": (
        "Wilayah pembanding (nilai rujukan; deskriptif, bukan bukti dampak)",
        "Comparison areas (reference values; descriptive, not proof of effect)",
    ),
    "angka.col.years": ("Tahun", "Years"),
    "col.kelompok": ("Kelompok wilayah", "Area group"),
    "col.awal": ("Nilai tahun awal", "First-year value"),
    "col.akhir": ("Nilai tahun akhir", "Last-year value"),
    "metode.pembanding.nama": ("Wilayah pembanding (nilai rujukan)", "Comparison areas (reference values)"),
    "metode.pembanding.definisi": (
        "Perbandingan deskriptif (selisih dari selisih) dari data `rujukan`: untuk satu indikator hasil, perubahan "
        "tiap kabupaten/kota dari tahun pertama ke tahun terakhir rentang yang memiliki nilai rujukan kabupaten/kota. "
        "Wilayah kemitraan = kabupaten/kota kemitraan tersaring yang melaporkan indikator itu dalam rentang; "
        "wilayah pembanding = kabupaten/kota lain di provinsi yang sama yang tidak memiliki kemitraan tersimpan. "
        "Wilayah tanpa nilai di kedua tahun tidak dihitung. Tidak membuktikan dampak: penempatan kemitraan tidak "
        "acak, dan wilayah bisa berubah karena hal lain.",
        "A descriptive comparison (a difference in differences) from the `rujukan` data: for one outcome, each "
        "kabupaten/kota's change from the first to the last year of the range that holds kabupaten/kota reference "
        "values. Partnership areas = the kabupaten/kota of the filtered partnerships that report the outcome in the "
        "range; comparison areas = the other kabupaten/kota of the same provinces where no stored partnership works. "
        "Areas without a value in both years are left out. It does not prove effect: partnerships were not placed at "
        "random, and areas change for other reasons too.",
    ),
    "metode.pembanding.rumus": (
        "selisih = rata-rata(akhir − awal) wilayah kemitraan − rata-rata(akhir − awal) wilayah pembanding; "
        "IK 95 % = selisih ± t(0,975; df Welch–Satterthwaite) × √(s²ₖ/nₖ + s²ₚ/nₚ)",
        "difference = mean(last − first) over partnership areas − mean(last − first) over comparison areas; "
        "95 % CI = difference ± t(0.975; Welch–Satterthwaite df) × √(s²ₖ/nₖ + s²ₚ/nₚ)",
    ),
    "metode.pembanding.sumber": (
        "Nilai rujukan yang diunggah (kolom sumber: SSGI, SKI, SDKI …); uji t Welch.",
        "The uploaded reference values (their source column: SSGI, SKI, SDKI …); Welch's t test.",
    ),
}

ALIASES: dict[str, str] = {
    "ref.compare.kpi.pembanding": "ref.compare.header",
    "metode.pembanding.satuan": "satuan.poin_persen",
    "metode.pembanding.arah": "metode.penyebut.arah",
}
