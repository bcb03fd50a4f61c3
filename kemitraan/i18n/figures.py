"""How a figure says what it is: its period, unit, n and aggregation; the period picks; impact's wording."""

STRINGS: dict[str, tuple[str, str]] = {
    # the period and what was left out
    "fig.period": ("Periode {periode} ({bulan} bulan)", "Period {periode} ({bulan} {bulan|month|months})"),
    "fig.straddling": (
        "{n} laporan melewati batas rentang dan tidak dihitung",
        "{n} {n|report straddles|reports straddle} the range's edge and {n|is|are} not counted",
    ),
    "fig.flagged_out": (
        "{n} nilai ditandai (kemungkinan salah ketik) tidak dihitung",
        "{n} flagged values (likely typing errors) left out",
    ),
    "fig.flagged_in": ("{n} nilai ditandai ikut dihitung", "{n} flagged values included"),
    "fig.partial_note": (
        "Periode yang tidak utuh diberi tanda bulan yang tercakup, mis. «2026 (Jan–Jun)».",
        "Periods covered only in part show their months, e.g. «2026 (Jan–Jun)».",
    ),
    "fig.partial_legend": ("Periode tidak utuh (garis putus, titik kosong)", "Partial period (dashed, hollow point)"),
    # aggregation notes
    "fig.note": ("{satuan}; {aturan}; n = {n} kemitraan", "{satuan}; {aturan}; n = {n} {n|partnership|partnerships}"),
    "fig.agg.flow": ("dijumlahkan", "summed"),
    "fig.agg.stock": (
        "nilai terakhir per {bulan} (periode utuh terakhir tiap kemitraan)",
        "last value as of {bulan} (each partnership's last whole period)",
    ),
    "fig.agg.stock_stopped": (
        "— {n} kemitraan tidak melapor",
        "— {n} {n|partnership|partnerships} not reporting",
    ),
    "fig.agg.stock_flagged": (
        "— {n} kemitraan: nilai terakhir ditandai, tidak dihitung",
        "— {n} {n|partnership|partnerships}: last value flagged, left out",
    ),
    "fig.agg.rate": ("tertimbang penyebut ({penyebut})", "weighted by the denominator ({penyebut})"),
    "fig.agg.rate_missing": (
        "— {n} laporan tanpa penyebut tidak dihitung",
        "— {n} {n|report|reports} without a denominator left out",
    ),
    "fig.agg.unweighted": (
        "TIDAK tertimbang: rata-rata biasa dari {n} laporan tanpa penyebut",
        "NOT weighted: a plain mean of {n} {n|report|reports} without a denominator",
    ),
    # sidebar
    "filters.kabupaten": ("Kabupaten/kota", "District/city"),
    "filters.flagged": ("Sertakan nilai yang ditandai", "Include flagged values"),
    "filters.flagged.help": (
        "Nilai di luar batas wajar atau jauh dari kebiasaan kemitraan itu sendiri (mis. lebih dari 5 × mediannya; "
        "lihat Metodologi) ditandai sebagai kemungkinan salah ketik dan tidak dihitung, kecuali saklar ini aktif. "
        "Daftarnya ada di panel kualitas data.",
        "Values outside plausible ranges or far from the partnership's own habit (e.g. above 5 × its median; see "
        "Methodology) are flagged as likely typing errors and left out of every figure unless this is on. The "
        "data-quality panel lists them.",
    ),
    "filters.pick": ("Pilih cepat", "Quick picks"),
    "filters.pick.help": (
        "Tahun penuh terakhir, triwulan penuh terakhir, 12 bulan terakhir, atau seluruh data.",
        "The last complete year, the last complete quarter, the last 12 months, or all the data.",
    ),
    "filters.pick.tahun": ("Tahun terakhir", "Last year"),
    "filters.pick.tahun.help": ("Tahun penuh terakhir dalam data", "The last complete year in the data"),
    "filters.pick.triwulan": ("Triwulan terakhir", "Last quarter"),
    "filters.pick.triwulan.help": ("Triwulan penuh terakhir dalam data", "The last complete quarter in the data"),
    "filters.pick.12_bulan": ("12 bulan", "12 months"),
    "filters.pick.12_bulan.help": ("12 bulan terakhir dalam data", "The last 12 months in the data"),
    "filters.pick.semua": ("Semua data", "All data"),
    "filters.pick.semua.help": ("Seluruh bulan dalam data", "Every month in the data"),
    # reach and sustainability
    "fig.kpi.contacts.help": (
        "Orang terjangkau dijumlahkan lintas periode: orang yang sama dihitung di setiap periode (kontak), "
        "bukan orang unik.",
        "People reached summed over periods: the same person counts once per period (contacts), not unique people.",
    ),
    "fig.kpi.attainment": ("Capaian target (terjangkau ÷ target)", "Target attained (reached ÷ target)"),
    "fig.kpi.cost": ("Biaya per kontak", "Cost per contact"),
    "fig.kpi.cost.help": (
        "Dana terealisasi ÷ kontak layanan dari {n} kemitraan yang melaporkan keduanya, dijumlahkan pada periode ini.",
        "Funds disbursed ÷ service contacts of the {n} {n|partnership|partnerships} reporting both, summed over the "
        "period.",
    ),
    "fig.kpi.reach_index": ("Indeks gabungan jangkauan", "Composite reach index"),
    "fig.kpi.sust_index": ("Indeks gabungan keberlanjutan", "Composite sustainability index"),
    "fig.composite": (
        "Indeks gabungan (0–100): rata-rata komponen yang dibatasi 100 %; lihat Metodologi.",
        "Composite index (0–100): the mean of components capped at 100 %; see Methodology.",
    ),
    "fig.kpi.completeness": ("Kelengkapan laporan", "Reporting completeness"),
    "fig.kpi.completeness.help": (
        "Laporan diterima ÷ laporan yang diharapkan (per periode, menurut irama lapor tiap kemitraan); tepat "
        "waktu: paling lambat {hari} hari setelah periode berakhir.",
        "Reports received ÷ reports expected (one per period at each partnership's own cadence); on time: at "
        "most {hari} {hari|day|days} after the period ends.",
    ),
    "an.dq.reporting": ("Kelengkapan & ketepatan laporan", "Reporting completeness & timeliness"),
    "fig.rates_note": (
        "{diterima} dari {diharapkan} laporan; {tepat} tepat waktu",
        "{diterima} of {diharapkan} {diharapkan|report|reports}; {tepat} on time",
    ),
    "fig.status_on": ("per {tanggal}", "as of {tanggal}"),
    # impact
    "satuan.poin_persen": ("poin persentase", "percentage points"),
    "an.chart.impact_share.title": (
        "Berapa bagian kemitraan yang hasilnya membaik? (% kemitraan kohort, IK 95 %)",
        "What share of partnerships improved? (% of the cohort, 95 % CI)",
    ),
    "an.chart.impact_group.title": (
        "{indikator}: bagian kemitraan yang membaik ≥ {minimum} menurut {kelompok} (% kohort, IK 95 %)",
        "{indikator}: share of partnerships improving by ≥ {minimum}, by {kelompok} (% of the cohort, 95 % CI)",
    ),
    "an.axis.share_improved": ("Kemitraan yang membaik (%)", "Partnerships improving (%)"),
    "an.hover.improved": (
        "%{customdata[1]} dari %{customdata[2]} kemitraan membaik; %{customdata[3]} memburuk",
        "%{customdata[1]} of %{customdata[2]} partnerships improved; %{customdata[3]} worsened",
    ),
    "an.hover.ci": (
        "IK 95 %: %{customdata[4]:.0f}–%{customdata[5]:.0f} %",
        "95 % CI: %{customdata[4]:.0f}–%{customdata[5]:.0f} %",
    ),
    "an.hover.cohort": (
        "Kohort: %{customdata[6]:.1f} → %{customdata[7]:.1f}",
        "Cohort: %{customdata[6]:.1f} → %{customdata[7]:.1f}",
    ),
    "fig.impact.kpi.share": ("Kemitraan membaik", "Partnerships improving"),
    "fig.impact.kpi.share.note": (
        "{k} dari {n} kemitraan kohort membaik ≥ {minimum} dan di luar galat sampelnya; {m} memburuk; IK 95 % "
        "{lo}–{hi} %",
        "{k} of the cohort's {n} {n|partnership|partnerships} improved by ≥ {minimum} and beyond {n|its|their} "
        "sampling error; {m} worsened; 95 % CI {lo}–{hi} %",
    ),
    "fig.impact.kpi.cohort": ("Nilai kohort", "Cohort value"),
    "fig.impact.kpi.cohort.note": (
        "{satuan}; kohort yang sama, tertimbang penyebut: {awal} (baseline {awal_periode}) → {akhir} (terakhir "
        "{akhir_periode})",
        "{satuan}; the same cohort, weighted by denominators: {awal} (baseline {awal_periode}) → {akhir} (latest "
        "{akhir_periode})",
    ),
    "fig.impact.kpi.change": ("Perubahan kohort", "Cohort change"),
    "fig.impact.method": (
        "Kohort: kemitraan yang melaporkan indikator ini pada jendela baseline ({awal}) dan jendela terakhir "
        "({akhir}). Angka utama: perubahan kohort gabungan (tertimbang penyebut) dengan IK 95 %. Membaik = berubah "
        "ke arah yang baik sedikitnya {minimum} dan melebihi galat sampel kemitraan itu; memburuk = sebaliknya; "
        "selain itu tetap.",
        "Cohort: partnerships that reported this indicator in the baseline window ({awal}) and the latest window "
        "({akhir}). Headline: the pooled cohort's change (weighted by denominators) with its 95 % CI. Improved = a "
        "change in the better direction of at least {minimum} and beyond the partnership's sampling error; "
        "worsened = the opposite; otherwise steady.",
    ),
    "fig.impact.small_n": (
        "Hanya {n} kemitraan dalam kohort: angka ini belum dapat diandalkan (lihat rentang IK).",
        "Only {n} {n|partnership|partnerships} in the cohort: these figures are not yet reliable (see the CI range).",
    ),
    "fig.impact.interval": ("(IK 95 % {lo} s.d. {hi})", "(95 % CI {lo} to {hi})"),
    "fig.impact.statement": (
        "{indikator}: kohort berubah {perubahan}, {awal} → {akhir}; {k} dari {n} kemitraan membaik, {m} memburuk",
        "{indikator}: the cohort changed by {perubahan}, {awal} → {akhir}; {k} of {n} {n|partnership|partnerships} "
        "improved, {m} worsened",
    ),
    "fig.impact.contradiction.worse": (
        "Arah berlawanan: lebih banyak kemitraan membaik ({k}) daripada memburuk ({m}), tetapi kohort gabungan "
        "(tertimbang penyebut) memburuk — kemitraan dengan penyebut besar lebih menentukan.",
        "Opposite directions: more partnerships improved ({k}) than worsened ({m}), but the pooled cohort "
        "(weighted by denominators) worsened — partnerships with large denominators weigh more.",
    ),
    "fig.impact.contradiction.better": (
        "Arah berlawanan: lebih banyak kemitraan memburuk ({m}) daripada membaik ({k}), tetapi kohort gabungan "
        "(tertimbang penyebut) membaik — kemitraan dengan penyebut besar lebih menentukan.",
        "Opposite directions: more partnerships worsened ({m}) than improved ({k}), but the pooled cohort "
        "(weighted by denominators) improved — partnerships with large denominators weigh more.",
    ),
    "fig.impact.none": (
        "Belum ada kemitraan yang melaporkan indikator ini di awal dan di akhir rentang; perlebar rentang periode.",
        "No partnership reported this indicator both at the start and at the end of the range; widen the period.",
    ),
    "fig.cohort.fixed": ("Kohort tetap ({n} kemitraan)", "Fixed cohort ({n} {n|partnership|partnerships})"),
    "fig.cohort.all": ("Semua yang melapor", "All reporting"),
    "fig.cohort.label": ("Kemitraan dalam grafik tren", "Partnerships in the trend chart"),
    "fig.cohort.note.fixed": (
        "Grafik ini memuat kohort yang sama dengan angka di atas: {n} kemitraan.",
        "This chart shows the same cohort as the figures above: {n} {n|partnership|partnerships}.",
    ),
    "fig.cohort.note.all": (
        "Grafik ini memuat semua kemitraan yang melapor pada tiap periode — komposisinya berubah antarperiode, "
        "berbeda dari kohort angka di atas.",
        "This chart shows every partnership reporting in each period — its make-up changes between periods, "
        "unlike the cohort of the figures above.",
    ),
    "an.chart.compare_impact.title": (
        "Dampak: bagian pasangan kemitraan × indikator hasil yang membaik (%, n pasangan)",
        "Impact: share of partnership × outcome pairs improving (%, n pairs)",
    ),
    "fig.top_lines": (
        "{n} kelompok terbesar ditampilkan; sisanya digabung sebagai «Lainnya».",
        "The {n} largest groups are shown; the rest are combined as «Others».",
    ),
}
