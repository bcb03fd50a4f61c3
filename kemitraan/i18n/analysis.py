"""Strings of the analysis pages (Jangkauan, Keberlanjutan, Dampak, Kesehatan Kemitraan, Peta,
Bandingkan, Jelajah Data, Profil Kemitraan, Metodologi) and their charts."""

STRINGS: dict[str, tuple[str, str]] = {
    # navigation
    "page.jangkauan": ("Jangkauan", "Reach"),
    "page.keberlanjutan": ("Keberlanjutan", "Sustainability"),
    "page.dampak": ("Dampak", "Impact"),
    "page.kesehatan": ("Kesehatan Kemitraan", "Partnership Health"),
    "page.peta": ("Peta", "Map"),
    "page.bandingkan": ("Bandingkan", "Compare"),
    "page.jelajah": ("Jelajah Data", "Explore Data"),
    "page.profil": ("Profil Kemitraan", "Partnership Profile"),
    "page.metodologi": ("Metodologi", "Methodology"),
    # units
    "satuan.orang": ("orang", "people"),
    "satuan.kontak": ("kontak layanan", "service contacts"),
    "satuan.layanan": ("layanan", "services"),
    "satuan.IDR": ("Rp", "IDR"),
    "satuan.IDR_miliar": ("Rp miliar", "IDR billion"),
    "satuan.%": ("%", "%"),
    "satuan.sumber": ("sumber", "sources"),
    "satuan.pertemuan": ("pertemuan", "meetings"),
    "satuan.mitra": ("mitra", "partners"),
    "satuan.per 1.000": ("per 1.000", "per 1,000"),
    "satuan.kemitraan": ("kemitraan", "partnerships"),
    "satuan.indeks": ("indeks 0–100", "index 0–100"),
    "satuan.skor": ("skor 0–100", "score 0–100"),
    # zones
    "zona.kuat": ("Kuat", "Strong"),
    "zona.perlu_perhatian": ("Perlu perhatian", "Needs attention"),
    "zona.lemah": ("Lemah", "Weak"),
    # shared bits
    "an.reached": ("Terjangkau", "Reached"),
    "an.target": ("Target", "Target"),
    "an.actual": ("Realisasi", "Actual"),
    "an.target_dotted": ("Target (garis titik-titik)", "Target (dotted line)"),
    "an.active": ("Masih aktif", "Still active"),
    "an.ended": ("Sudah selesai", "Ended"),
    "an.age": ("usia (tahun)", "age (years)"),
    "an.higher_better": ("naik = lebih baik", "higher = better"),
    "an.lower_better": ("turun = lebih baik", "lower = better"),
    "an.satisfied_share": ("puas/sangat puas", "satisfied/very satisfied"),
    "an.mentions": ("Responden yang menyebut", "Respondents naming it"),
    "an.cumulative": ("Kumulatif", "Cumulative"),
    "an.no_data": ("tidak ada data", "no data"),
    "an.grain": ("Satuan waktu", "Time grain"),
    "an.grain.bulan": ("Bulan", "Month"),
    "an.grain.triwulan": ("Triwulan", "Quarter"),
    "an.group_by": ("Kelompokkan menurut", "Group by"),
    "an.dim.kategori": ("Kategori kemitraan", "Partnership category"),
    "an.dims.kategori": ("kategori kemitraan", "partnership categories"),
    "an.dims.bidang": ("bidang program", "program areas"),
    "an.dims.provinsi": ("provinsi", "provinces"),
    "an.dim.bidang": ("Bidang program", "Program area"),
    "an.dim.fokus": ("Fokus", "Focus"),
    "an.dim.provinsi": ("Provinsi", "Province"),
    "an.dim.provinsi_kode": ("Kode provinsi", "Province code"),
    "an.dim.kode_kemitraan": ("Kemitraan", "Partnership"),
    "an.dim.nama_kemitraan": ("Nama kemitraan", "Partnership name"),
    "an.dim.mitra_utama": ("Mitra utama", "Lead partner"),
    "an.dim.tahun": ("Tahun", "Year"),
    "an.coarser_note": (
        "{n} kemitraan melapor dengan periode lebih panjang dari {grain_lower} dan tidak tampil pada tampilan ini.",
        "{n} {n|partnership reports|partnerships report} over periods longer than a {grain_lower} and are not shown in this view.",
    ),
    "an.click_hint": (
        "Klik sebuah batang, titik atau wilayah peta untuk menyaring seluruh halaman (filter di panel samping dan "
        "tautan ikut berubah); hapus pilihannya di panel samping untuk kembali.",
        "Click a bar, point or map area to filter the whole page (the sidebar filter and the link follow); remove it "
        "in the sidebar to go back.",
    ),
    "an.open_profile": ("Buka profil kemitraan", "Open partnership profile"),
    "an.profile_link": ("Profil", "Profile"),
    "an.small_n_mark": (", sedikit!", ", few!"),
    "an.n_respondents": (
        "{n} responden dari {k} kemitraan",
        "{n} {n|respondent|respondents} from {k} {k|partnership|partnerships}",
    ),
    "an.small_n_warning": (
        "Perhatian: {groups} memiliki kurang dari {min_n} responden; skornya belum dapat diandalkan.",
        "Caution: {groups} have fewer than {min_n} {min_n|respondent|respondents}; their scores are not yet reliable.",
    ),
    "an.axis.new_acceptors": ("Peserta KB baru (orang)", "New acceptors (people)"),
    "an.axis.active_users": ("Peserta KB aktif (orang)", "Active users (people)"),
    "an.axis.share_answers": ("Bagian jawaban", "Share of answers"),
    "an.axis.score": ("Skor 0–100", "Score 0–100"),
    "an.axis.index": ("Indeks / skor 0–100", "Index / score 0–100"),
    # chart titles: question + unit
    "an.chart.reach_index.title": (
        "Di antara {kelompok}, mana yang paling menjangkau sasarannya? (indeks gabungan jangkauan 0–100)",
        "Which {kelompok} reach their target population best? (composite reach index 0–100)",
    ),
    "an.chart.reach_target.title": (
        "Berapa kontak layanan dibanding target? (kontak: orang per periode)",
        "How many service contacts, against target? (contacts: people per period)",
    ),
    "an.chart.coverage_trend.title": (
        "Apakah cakupan meningkat dari waktu ke waktu? (% sasaran, disetahunkan)",
        "Is coverage rising over time? (% of target population, annualised)",
    ),
    "an.chart.rentan.title": (
        "Berapa bagian kontak layanan dengan kelompok rentan? (% kontak)",
        "What share of service contacts are with hard-to-reach groups? (% of contacts)",
    ),
    "an.chart.acceptors.title": (
        "Berapa peserta KB baru dan aktif? (orang)",
        "How many new and active family-planning users? (people)",
    ),
    "an.chart.sust_index.title": (
        "Di antara {kelompok}, mana yang paling mungkin berlanjut? (indeks gabungan keberlanjutan 0–100)",
        "Which {kelompok} are most likely to last? (composite sustainability index 0–100)",
    ),
    "an.chart.funds.title": (
        "Berapa dana dijanjikan dan berapa yang terealisasi? (Rp miliar)",
        "How much funding was committed, and how much disbursed? (IDR billion)",
    ),
    "an.chart.local.title": (
        "Berapa porsi dana dari sumber lokal? (% dana)",
        "How much of the funding is local? (% of funds)",
    ),
    "an.chart.sources.title": (
        "Berapa banyak sumber dana per kemitraan? (sumber, rata-rata)",
        "How many funding sources does a partnership have? (sources, mean)",
    ),
    "an.chart.cadres.title": ("Berapa kader dilatih? (orang)", "How many cadres were trained? (people)"),
    "an.chart.meetings.title": (
        "Berapa pertemuan koordinasi terlaksana? (pertemuan)",
        "How many coordination meetings were held? (meetings)",
    ),
    "an.chart.status.title": (
        "Berapa kemitraan masih aktif? (kemitraan)",
        "How many partnerships are still active? (partnerships)",
    ),
    "an.chart.age.title": (
        "Berapa lama kemitraan sudah berjalan? (tahun, rata-rata)",
        "How long have partnerships been running? (years, mean)",
    ),
    "an.chart.funds_trend.title": (
        "Apakah realisasi dana mengikuti komitmen dari waktu ke waktu? (Rp miliar)",
        "Does disbursement keep up with commitments over time? (IDR billion)",
    ),
    "an.chart.outcome_trend.title": (
        "Bagaimana tren {indikator}? ({satuan}; {arah})",
        "How is {indikator} trending? ({satuan}; {arah})",
    ),
    "an.chart.indicator_trend.title": (
        "Bagaimana tren {indikator}? ({satuan})",
        "How is {indikator} trending? ({satuan})",
    ),
    "an.chart.radar.title": (
        "Seberapa sehat kemitraan pada delapan prinsip? (skor 0–100)",
        "How healthy are partnerships on the eight principles? (score 0–100)",
    ),
    "an.chart.likert.title": (
        "Bagaimana responden menjawab tiap prinsip? (% jawaban)",
        "How did respondents answer each principle? (% of answers)",
    ),
    "an.chart.satisfaction.title": (
        "Seberapa puas para mitra dengan kemitraannya? (skor 0–100)",
        "How satisfied are partners with their partnership? (score 0–100)",
    ),
    "an.chart.pareto.title": (
        "Tantangan apa yang paling sering disebut? (responden; garis = % kumulatif)",
        "Which challenges are named most often? (respondents; line = cumulative %)",
    ),
    "an.chart.map.title": (
        "Di provinsi mana {indikator} terbesar? ({satuan})",
        "Where is {indikator} largest? ({satuan})",
    ),
    "an.chart.map.title.kabupaten": (
        "Di kabupaten/kota mana {indikator} terbesar? ({satuan})",
        "In which kabupaten/kota is {indikator} largest? ({satuan})",
    ),
    "an.chart.map.title.kabupaten_in": (
        "Di kabupaten/kota mana di {provinsi} {indikator} terbesar? ({satuan})",
        "Where in {provinsi} is {indikator} largest? ({satuan})",
    ),
    "an.chart.compare.title": (
        "Bagaimana perbandingan indeks gabungan jangkauan dan keberlanjutan, dan skor kesehatan? (0–100)",
        "How do the composite reach and sustainability indices and the health score compare? (0–100)",
    ),
    "an.chart.pivot.title": ("{indikator} menurut dua dimensi ({satuan})", "{indikator} by two dimensions ({satuan})"),
    "an.chart.profile_indicator.title": (
        "{indikator}: realisasi dibanding target ({satuan})",
        "{indikator}: actual against target ({satuan})",
    ),
    "an.chart.health_bars.title": (
        "Skor kesehatan kemitraan per prinsip (skor 0–100)",
        "Partnership-health score per principle (score 0–100)",
    ),
    # page titles and intros
    "an.jangkauan.title": ("Jangkauan: siapa yang dijangkau kemitraan?", "Reach: whom do partnerships reach?"),
    "an.jangkauan.intro": (
        "Kontak layanan (orang terjangkau per periode) dibanding target dan populasi sasaran, kelompok rentan, peserta "
        "KB, dan biaya per kontak, per kelompok dan waktu.",
        "Service contacts (people reached per period) against target and target population, hard-to-reach groups, "
        "family-planning users and cost per contact, per group and over time.",
    ),
    "an.keberlanjutan.title": (
        "Keberlanjutan: kemitraan mana yang bertahan?",
        "Sustainability: which partnerships last?",
    ),
    "an.keberlanjutan.intro": (
        "Pendanaan (komitmen dan realisasi, porsi lokal, jumlah sumber), kapasitas (kader, koordinasi), usia dan status kemitraan.",
        "Funding (committed and disbursed, local share, number of sources), capacity (cadres, coordination), partnership age and status.",
    ),
    "an.dampak.title": ("Dampak: kemitraan mana yang menggerakkan hasil?", "Impact: which partnerships move outcomes?"),
    "an.dampak.intro": (
        "Untuk tiap indikator hasil: bagaimana nilai gabungan kohort bergerak dari jendela baseline ke jendela "
        "terakhir yang sama (dengan IK 95 %), lalu berapa bagian kemitraannya yang membaik melebihi galat sampelnya.",
        "For each outcome: how the cohort's pooled value moved from the same baseline window to the same latest "
        "window (with its 95 % CI), then what share of its partnerships improved beyond their sampling error.",
    ),
    "an.kesehatan.title": (
        "Kesehatan kemitraan: seberapa sehat kerja samanya?",
        "Partnership health: how well do partners work together?",
    ),
    "an.kesehatan.intro": (
        "Penilaian mandiri para mitra pada delapan prinsip kemitraan, sebagai skor 0–100 dengan zona Wilder "
        "Collaboration Factors Inventory: kuat ≥ 75; perlu perhatian 50–74; lemah < 50.",
        "Partners' self-assessment on the eight partnership principles, as a 0–100 score with the Wilder "
        "Collaboration Factors Inventory's zones: strong ≥ 75; needs attention 50–74; weak < 50.",
    ),
    "an.peta.title": ("Peta: di mana kemitraan bekerja?", "Map: where do partnerships work?"),
    "an.peta.intro": (
        "Provinsi, atau kabupaten/kota bila satu provinsi dipilih, diwarnai menurut indikator yang dipilih: angka per "
        "penduduk atau per target, atau nilainya sendiri bila sudah berupa rasio. Wilayah abu-abu tidak punya data. "
        "Peta tidak memerlukan internet.",
        "Provinces, or kabupaten/kota when one province is chosen, coloured by the chosen indicator: per population or "
        "per target, or the value itself when it is already a rate. Grey areas have no data. The map needs no "
        "internet connection.",
    ),
    "an.peta.indicator": ("Indikator", "Indicator"),
    "an.peta.level": ("Tingkat wilayah", "Area level"),
    "an.peta.level.kabupaten": ("Kabupaten/kota", "Kabupaten/kota"),
    "an.peta.level.one_province": (
        "Satu provinsi dipilih di panel samping: peta menampilkan kabupaten/kota-nya. Hapus pilihan provinsi untuk "
        "kembali ke peta provinsi.",
        "One province is chosen in the sidebar: the map shows its kabupaten/kota. Clear the province to go back to "
        "the province map.",
    ),
    "an.peta.per_1000": ("{satuan} per 1.000 penduduk", "{satuan} per 1,000 people"),
    "an.peta.per_100000": ("{satuan} per 100.000 penduduk", "{satuan} per 100,000 people"),
    "an.peta.per_person": ("{satuan} per penduduk", "{satuan} per person"),
    "an.peta.pct_target": ("% dari target", "% of target"),
    "an.peta.status.tanpa_target": ("ada nilai, tanpa target", "values, no target"),
    "an.peta.status.di_luar_filter": ("di luar filter", "outside the filters"),
    "an.peta.target_of": ("{nilai} dari target {target}", "{nilai} of a target of {target}"),
    "an.peta.note": (
        "Peta: {ukuran}; {k} dari {n} {wilayah} punya data",
        "Map: {ukuran}; {k} of {n} {wilayah} have data",
    ),
    "an.peta.note.no_target": ("{n} {wilayah} punya nilai tanpa target", "{n} {wilayah} with values but no target"),
    "an.peta.note.unplaced": (
        "{n} kemitraan tanpa kabupaten/kota tidak dipetakan",
        "{n} {n|partnership|partnerships} without a kabupaten/kota not mapped",
    ),
    "an.peta.note.population": (
        "penduduk 2025: Dukcapil (Kepmendagri 300.2.2-2138/2025)",
        "population 2025: Dukcapil (Kepmendagri 300.2.2-2138/2025)",
    ),
    "an.peta.areas.kabupaten": ("kabupaten/kota", "kabupaten/kota"),
    "an.bandingkan.title": ("Bandingkan berdampingan", "Compare side by side"),
    "an.bandingkan.intro": (
        "Pilih dua atau lebih kategori, bidang program, provinsi, atau kemitraan untuk dibandingkan.",
        "Choose two or more categories, program areas, provinces or partnerships to compare.",
    ),
    "an.bandingkan.members": ("Yang dibandingkan", "Compared"),
    "an.bandingkan.need_two": ("Pilih minimal dua untuk dibandingkan.", "Choose at least two to compare."),
    "an.bandingkan.trend_indicator": ("Indikator untuk tren", "Indicator for the trend"),
    "an.jelajah.title": ("Jelajah data", "Explore data"),
    "an.jelajah.intro": (
        "Tabel data tersimpan (nilai terbaru per kunci) untuk filter yang dipilih, tabel pivot, dan unduhan CSV/XLSX.",
        "The stored data (latest value per key) for the chosen filters, a pivot table, and CSV/XLSX downloads.",
    ),
    "an.jelajah.kind": ("Tabel", "Table"),
    "an.jelajah.search": ("Cari kemitraan", "Search partnerships"),
    "an.jelajah.search_hint": ("kode, nama, atau mitra utama", "code, name or lead partner"),
    "an.jelajah.kind.survei": ("Survei", "Survey"),
    "an.jelajah.shown": ("Menampilkan {shown} dari {total} baris.", "Showing {shown} of {total} {total|row|rows}."),
    "an.jelajah.capped": (
        "Unduhan berisi paling banyak {cap} baris; persempit filter untuk data lengkap.",
        "Downloads hold at most {cap} {cap|row|rows}; narrow the filters for the complete data.",
    ),
    "an.jelajah.pivot": ("Pivot", "Pivot"),
    "an.jelajah.rows": ("Baris", "Rows"),
    "an.jelajah.cols": ("Kolom", "Columns"),
    "an.jelajah.same_dims": ("Pilih dua dimensi yang berbeda.", "Choose two different dimensions."),
    "an.download_csv": ("Unduh CSV", "Download CSV"),
    "an.jelajah.prepare": ("Siapkan unduhan CSV/XLSX", "Prepare CSV/XLSX downloads"),
    "an.download_xlsx": ("Unduh XLSX", "Download XLSX"),
    "an.profil.title": ("Profil kemitraan", "Partnership profile"),
    "an.profil.not_found": ("Kemitraan dengan kode {kode} tidak ditemukan.", "No partnership with code {kode}."),
    "an.profil.choose": ("Pilih kemitraan untuk melihat profilnya.", "Choose a partnership to see its profile."),
    "an.profil.details": ("Rincian", "Details"),
    "an.profil.follows": (
        "Daftar ini memuat kemitraan yang cocok dengan filter kategori, bidang dan wilayah di panel samping; grafiknya "
        "mengikuti rentang periode di sana.",
        "This list holds the partnerships that match the sidebar's category, area and region filters; the charts "
        "follow its period range.",
    ),
    "an.profil.outside_filters": (
        "Kemitraan {kode} di luar filter panel samping; ditampilkan karena tautan ini menyebutnya.",
        "Partnership {kode} is outside the sidebar's filters; shown because this link names it.",
    ),
    "an.profil.indicators": ("Indikator dari waktu ke waktu", "Indicators over time"),
    "an.profil.survey": ("Skor survei", "Survey scores"),
    "an.profil.no_survey": ("Belum ada survei untuk kemitraan ini.", "No survey for this partnership yet."),
    "an.profil.batches": ("Unggahan yang mengisi data ini", "Uploads that fed this data"),
    "an.profil.status_active": ("Aktif", "Active"),
    "an.profil.status_ended": ("Selesai", "Ended"),
    "an.metodologi.intro": (
        "Definisi, rumus, satuan, arah dan sumber setiap indikator dan indeks yang dipakai dasbor ini.",
        "Definition, formula, unit, direction and source of every indicator and index this dashboard uses.",
    ),
    "an.metodologi.indices": ("Indeks dan aturan", "Indices and rules"),
    "an.metodologi.catalog": ("Katalog indikator", "Indicator catalog"),
    "an.metodologi.sources": ("Sumber", "Sources"),
    "an.metodologi.sources_text": (
        "- **Kesehatan kemitraan**: Wilder Collaboration Factors Inventory, edisi ke-3 (Mattessich & Johnson, 2018) — "
        "ambang zona; Partnership Self-Assessment Tool (PSAT; Center for the Advancement of Collaborative Strategies in "
        "Health, 2002) — dimensi dan zona alternatif; prinsip kemitraan Kemenkes — delapan butir survei.\n"
        "- **Indikator KB dan kesehatan**: SDKI 2017 (Indonesia DHS) untuk mCPR, unmet need dan ASFR 15–19; "
        "SDG 3.7.1 (kebutuhan KB terpenuhi); istilah pelaporan rutin BKKBN (peserta KB baru/aktif); Kemenkes "
        "(imunisasi dasar lengkap, stunting).\n"
        "- **Wilayah**: kode provinsi BPS dan Kemendagri (keduanya disimpan; berbeda hanya untuk provinsi Papua); "
        "514 kabupaten/kota dan penduduk 2025 (Kepmendagri 300.2.2-2138/2025, data Dukcapil); batas provinsi dan "
        "kabupaten/kota dari wilayah_boundaries (Kepmendagri 100.1.1-6117/2022 dan pembaruan 2025, lisensi MIT), "
        "dikirim bersama aplikasi; peta dasar Natural Earth (domain publik) melalui topojson Plotly, tanpa koneksi "
        "internet.",
        "- **Partnership health**: Wilder Collaboration Factors Inventory, 3rd ed. (Mattessich & Johnson, 2018) — zone "
        "cut-offs; Partnership Self-Assessment Tool (PSAT; Center for the Advancement of Collaborative Strategies in "
        "Health, 2002) — dimensions and alternative zones; Ministry of Health partnership principles — the eight survey items.\n"
        "- **Family-planning and health indicators**: SDKI 2017 (Indonesia DHS) for mCPR, unmet need and ASFR 15–19; "
        "SDG 3.7.1 (demand satisfied); BKKBN routine reporting terms (new/active acceptors); Ministry of Health "
        "(full basic immunisation, stunting).\n"
        "- **Regions**: BPS and Kemendagri province codes (both stored; they differ only for the Papua provinces); "
        "514 kabupaten/kota and their 2025 population (Kepmendagri 300.2.2-2138/2025, Dukcapil figures); province "
        "and kabupaten/kota boundaries from wilayah_boundaries (Kepmendagri 100.1.1-6117/2022 and its 2025 update, "
        "MIT licence), shipped with the app; Natural Earth base map (public domain) through Plotly's topojson, with "
        "no internet connection.",
    ),
    "an.kpi.coverage": ("Cakupan (disetahunkan)", "Coverage (annualised)"),
    "an.kpi.coverage.note": (
        "kontak ÷ (sasaran × tahun), pada periode yang melaporkan keduanya",
        "contacts ÷ (target population × years), over periods reporting both",
    ),
    "an.kpi.attainment": ("Capaian target", "Target attained"),
    "an.kpi.rentan": ("Kelompok rentan", "Hard-to-reach share"),
    "an.kpi.realisation": ("Realisasi dana", "Funds disbursed"),
    "an.kpi.local": ("Porsi dana lokal", "Local co-funding"),
    "an.kpi.active": ("Kemitraan aktif", "Active partnerships"),
    "an.kpi.respondents": ("Responden", "Respondents"),
    "an.kpi.health": ("Skor kesehatan", "Health score"),
    "an.kpi.satisfaction": ("Kepuasan", "Satisfaction"),
    "an.outcome": ("Indikator hasil", "Outcome indicator"),
    "an.table.detail": ("Tabel rinci", "Detail table"),
    # data quality
    "an.dq.title": ("Kualitas data", "Data quality"),
    "an.dq.missing": ("Laporan hilang", "Missing reports"),
    "an.dq.range": ("Nilai tidak wajar", "Implausible values"),
    "an.dq.stale": ("Kemitraan tanpa laporan baru", "Stale partnerships"),
    "an.dq.run": ("Periksa kualitas data", "Check data quality"),
    "an.dq.none": ("Tidak ada masalah ditemukan.", "No problems found."),
    "an.dq.missing_help": (
        "Periode tanpa laporan, menurut irama pelaporan tiap kemitraan, antara laporan pertama dan terakhir yang ada.",
        "Periods without a report, at each partnership's own reporting rhythm, between the first and last report on file.",
    ),
    "an.dq.range_help": (
        "Nilai di luar batas katalog indikator, atau lebih dari {factor:g}× median kemitraan itu untuk indikator yang sama "
        "(mis. kelebihan satu angka nol).",
        "Values outside the indicator catalog's limits, or more than {factor:g}× that partnership's median for the same "
        "indicator (e.g. an extra zero).",
    ),
    "an.dq.stale_help": (
        "Kemitraan yang belum selesai tetapi tidak melapor {months} bulan atau lebih.",
        "Partnerships not ended that have sent no report for {months} {months|month|months} or more.",
    ),
    "an.dq.reason.min": ("di bawah batas minimum", "below the minimum"),
    "an.dq.reason.max": ("di atas batas maksimum", "above the maximum"),
    "an.dq.reason.outlier": ("jauh dari median kemitraan", "far from the partnership's median"),
    # column labels of analysis tables
    "col.cakupan_pct": ("Cakupan (%)", "Coverage (%)"),
    "col.capaian_pct": ("Capaian target (%)", "Target attained (%)"),
    "col.porsi_rentan_pct": ("Kelompok rentan (%)", "Hard-to-reach (%)"),
    "col.capaian_gabungan_pct": ("Capaian gabungan (komposit, %)", "Composite attainment (%)"),
    "col.biaya_per_kontak_idr": ("Biaya per kontak (Rp)", "Cost per contact (IDR)"),
    "col.n_tidak_melapor": ("Kemitraan tidak melapor", "Partnerships not reporting"),
    "col.n_ditandai_akhir": ("Kemitraan dengan nilai terakhir ditandai", "Partnerships whose last value is flagged"),
    "col.porsi_membaik_pct": ("Kemitraan membaik (%)", "Partnerships improving (%)"),
    "col.ik_bawah_pct": ("IK 95 % bawah", "95 % CI low"),
    "col.ik_atas_pct": ("IK 95 % atas", "95 % CI high"),
    "col.n_pasangan": ("Pasangan kemitraan × indikator", "Partnership × outcome pairs"),
    "col.perubahan_min": ("Perubahan minimum", "Minimum change"),
    "col.perubahan_bawah": ("Perubahan kohort: IK 95 % bawah", "Cohort change: 95 % CI low"),
    "col.perubahan_atas": ("Perubahan kohort: IK 95 % atas", "Cohort change: 95 % CI high"),
    "col.bertentangan": ("Arah berlawanan", "Opposite directions"),
    "col.kelengkapan_pct": ("Kelengkapan (%)", "Completeness (%)"),
    "col.ketepatan_pct": ("Tepat waktu (%)", "On time (%)"),
    "col.n_diterima": ("Laporan diterima", "Reports received"),
    "col.n_tepat_waktu": ("Tepat waktu", "On time"),
    "col.n_tanpa_tanggal": ("Tanpa tanggal lapor", "No report date"),
    "col.kelas": ("Hasil", "Outcome"),
    "col.realisasi_pct": ("Realisasi dana (%)", "Funds disbursed (%)"),
    "col.realisasi_dana": ("S1 realisasi", "S1 disbursement"),
    "col.dana_lokal": ("S2 dana lokal", "S2 local funds"),
    "col.diversifikasi": ("S3 diversifikasi", "S3 diversification"),
    "col.kapasitas": ("S4 kapasitas", "S4 capacity"),
    "col.usia_tahun": ("Usia (tahun)", "Age (years)"),
    "col.sasaran_tahun": ("Sasaran × tahun", "Target population × years"),
    "col.terjangkau_bersasaran": ("Kontak layanan dengan sasaran", "Service contacts with a target population"),
    "col.n_indikator": ("Indikator dinilai", "Indicators assessed"),
    "col.periode_awal": ("Baseline", "Baseline"),
    "col.periode_akhir": ("Terakhir", "Latest"),
    "col.baseline": ("Nilai baseline", "Baseline value"),
    "col.terakhir": ("Nilai terakhir", "Latest value"),
    "col.perubahan": ("Perubahan", "Change"),
    "col.perubahan_pct": ("Perubahan (%)", "Change (%)"),
    "col.perbaikan": ("Perbaikan", "Improvement"),
    "col.membaik": ("Membaik", "Improved"),
    "col.arah": ("Arah (+1 naik lebih baik)", "Direction (+1 higher better)"),
    "col.prinsip": ("Prinsip", "Principle"),
    "col.n": ("n", "n"),
    "col.rata_rata": ("Rata-rata (1–5)", "Mean (1–5)"),
    "col.skor": ("Skor (0–100)", "Score (0–100)"),
    "col.zona": ("Zona", "Zone"),
    "col.n_kecil": ("n < 5", "n < 5"),
    "col.puas_pct": ("Puas (%)", "Satisfied (%)"),
    "col.n_diharapkan": ("Periode diharapkan", "Periods expected"),
    "col.n_dilaporkan": ("Periode dilaporkan", "Periods reported"),
    "col.n_hilang": ("Periode hilang", "Periods missing"),
    "col.periode_hilang": ("Yang hilang", "Missing"),
    "col.alasan": ("Alasan", "Reason"),
    "col.median": ("Median", "Median"),
    "col.min": ("Min", "Min"),
    "col.max": ("Maks", "Max"),
    "col.laporan_terakhir": ("Laporan terakhir", "Last report"),
    "col.bulan_tanpa_laporan": ("Bulan tanpa laporan", "Months without report"),
    "col.batch_id": ("Batch", "Batch"),
    "col.file": ("Berkas", "File"),
    "col.user": ("Oleh", "By"),
    "col.created_at": ("Waktu", "When"),
    "col.baris_kemitraan": ("Baris kemitraan", "Partnership rows"),
    "col.baris_indikator": ("Baris indikator", "Indicator rows"),
    "col.baris_survei": ("Baris survei", "Survey rows"),
    "col.nilai": ("Nilai", "Value"),
    "col.penduduk": ("Penduduk 2025", "Population 2025"),
    "col.wilayah_kode": ("Kode wilayah", "Area code"),
    "col.wilayah": ("Wilayah", "Area"),
    "col.n_nilai": ("Kemitraan dengan nilai", "Partnerships with a value"),
    "col.status_peta": ("Di peta", "On the map"),
    "an.peta.col.value": ("{indikator} ({satuan})", "{indikator} ({satuan})"),
    "an.peta.col.map_value": ("Di peta: {satuan}", "On the map: {satuan}"),
    "an.peta.status.data": ("berwarna", "coloured"),
    "col.lat": ("Lintang", "Latitude"),
    "col.lon": ("Bujur", "Longitude"),
    "col.kode": ("Kode", "Code"),
    "col.nama": ("Nama", "Name"),
    "col.rumus": ("Rumus", "Formula"),
    "col.sumber": ("Sumber", "Source"),
    "col.agregasi_waktu": ("Agregasi waktu", "Time aggregation"),
    "col.agregasi_wilayah": ("Agregasi antar kemitraan", "Aggregation across partnerships"),
    "col.batas": ("Batas wajar", "Plausible range"),
    "agregasi.jumlah": ("jumlah (arus)", "sum (flow)"),
    "agregasi.terakhir": ("nilai terakhir (stok)", "last value (stock)"),
    "agregasi.rata_rata": ("rata-rata (tertimbang untuk rasio)", "mean (weighted for rates)"),
    "an.dir.up": ("Lebih tinggi lebih baik", "Higher is better"),
    "an.dir.down": ("Lebih rendah lebih baik", "Lower is better"),
    "an.dir.none": ("Tanpa arah (konteks)", "No direction (context)"),
    "an.catalog_source": (
        "Katalog indikator Dasbor Kemitraan; definisi mengikuti SDKI 2017, SDG 3.7.1, BKKBN dan Kemenkes.",
        "Dasbor Kemitraan indicator catalog; definitions follow SDKI 2017, SDG 3.7.1, BKKBN and the Ministry of Health.",
    ),
}

#: Keys built from a code whose text is another key's (see kemitraan.i18n): written once, there.
ALIASES: dict[str, str] = {
    "an.peta.status.tanpa_data": "an.no_data",
    "an.peta.areas.provinsi": "an.dims.provinsi",
    "an.peta.level.provinsi": "an.dim.provinsi",
    "an.grain.tahun": "an.dim.tahun",
    "an.dims.kode_kemitraan": "satuan.kemitraan",
    "an.dim.periode": "an.grain.triwulan",
    "an.jelajah.kind.kemitraan": "kpi.kemitraan",
    "an.jelajah.kind.indikator": "angka.section.indicators",
    "col.indeks_jangkauan": "fig.kpi.reach_index",
    "col.indeks_keberlanjutan": "fig.kpi.sust_index",
    "col.memburuk": "angka.col.worsened",
    "col.tetap": "angka.col.steady",
    "col.n_kemitraan": "kpi.kemitraan",
    "col.n_aktif": "an.profil.status_active",
    "col.n_selesai": "an.profil.status_ended",
    "col.n_membaik": "col.membaik",
    "col.n_responden": "an.kpi.respondents",
    "col.tahun": "an.dim.tahun",
    "col.definisi": "template.col.definition",
    "col.satuan": "template.col.unit",
    "col.dimensi": "template.col.dimension",
}
