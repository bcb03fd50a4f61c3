"""Texts of the Metodologi page: every index (definition, formula, unit, direction, source).

Definition and formula texts are filled with the constants in force
(``kemitraan.methods.indices._doc_fields``): literal braces must be doubled.
"""

_WILDER = (
    "Wilder Collaboration Factors Inventory, edisi ke-3 (Mattessich & Johnson, 2018); "
    "Partnership Self-Assessment Tool (PSAT; Center for the Advancement of Collaborative Strategies in Health, 2002); "
    "prinsip kemitraan Kemenkes",
    "Wilder Collaboration Factors Inventory, 3rd ed. (Mattessich & Johnson, 2018); "
    "Partnership Self-Assessment Tool (PSAT; Center for the Advancement of Collaborative Strategies in Health, 2002); "
    "Ministry of Health partnership principles",
)

STRINGS: dict[str, tuple[str, str]] = {
    # --- the rules under every figure -------------------------------------------------------------------
    # periods
    "metode.periode.nama": ("Periode dan periode tidak utuh", "Periods and partial periods"),
    "metode.periode.definisi": (
        "Sebuah laporan dihitung bila seluruh periodenya (bulan, triwulan atau tahun) berada di dalam rentang "
        "terpilih. Laporan yang melewati batas awal atau akhir rentang tidak dihitung sama sekali, dan halaman "
        "menyebut berapa laporan itu (satu laporan = satu periode satu kemitraan). Periode grafik yang hanya "
        "sebagian tercakup rentang diberi tanda bulannya, mis. «2026 (Jan–Jun)». Rentang bawaan adalah tahun "
        "kalender utuh dalam data; pilihan cepat: tahun utuh terakhir, triwulan utuh terakhir, 12 bulan terakhir. "
        "Pada tampilan bulanan atau triwulanan, laporan berperiode lebih kasar (triwulan, tahun) tidak dipecah "
        "dan tidak ditampilkan; halaman menyebut berapa kemitraan yang melapor demikian.",
        "A report counts when its whole period (month, quarter or year) lies inside the selected range. A report "
        "that straddles the range's start or end is not counted at all, and the page says how many there are "
        "(a report = one period of one partnership). A chart period the range covers only in part shows its "
        "months, e.g. «2026 (Jan–Jun)». The default range is the whole calendar years in the data; quick picks: "
        "the last whole year, the last whole quarter, the last 12 months. In a monthly or quarterly view, reports "
        "of a coarser period (quarter, year) are not split and not shown; the page says how many partnerships "
        "report so.",
    ),
    "metode.periode.rumus": (
        "dihitung ⇔ bulan pertama periode ≥ bulan pertama rentang dan bulan terakhir periode ≤ bulan terakhir "
        "rentang; tidak utuh ⇔ rentang tidak mencakup seluruh bulan periode grafik",
        "counted ⇔ first month of the period ≥ first month of the range and last month of the period ≤ last "
        "month of the range; partial ⇔ the range does not cover every month of the chart's period",
    ),
    "metode.periode.satuan": ("—", "—"),
    "metode.periode.sumber": (
        "Periode laporan DHIS2 (bulanan, triwulanan, tahunan).",
        "DHIS2 reporting periods (monthly, quarterly, yearly).",
    ),
    # aggregation rules
    "metode.agregasi.nama": ("Aturan agregasi: arus, stok, rasio", "Aggregation rules: flows, stocks, rates"),
    "metode.agregasi.definisi": (
        "Setiap indikator digabung menurut katalognya. Arus (agregasi waktu «jumlah»: orang terjangkau, layanan, "
        "peserta KB baru, dana) dijumlahkan atas periode dan kemitraan. Stok («terakhir»: peserta KB aktif, "
        "sasaran, mitra aktif, jumlah sumber dana) memakai nilai terakhir tiap kemitraan (lihat Stok). Rasio "
        "(«rata_rata»: %, per 1.000) digabung dengan penyebutnya sendiri (lihat Rasio dan penyebutnya). Orang "
        "terjangkau adalah kontak: seseorang dihitung sekali per periode laporan, sehingga jumlah atas beberapa "
        "periode menghitung kontak, bukan orang unik.",
        "Every indicator is combined by its catalog rule. Flows (time aggregation «jumlah»: people reached, "
        "services, new acceptors, funds) are summed over periods and partnerships. Stocks («terakhir»: active "
        "users, target population, active partners, funding sources) use each partnership's last value (see "
        "Stocks). Rates («rata_rata»: %, per 1,000) are pooled with their own denominators (see Rates and their "
        "denominators). People reached are contacts: a person counts once per reporting period, so a sum over "
        "several periods counts contacts, not unique people.",
    ),
    "metode.agregasi.rumus": (
        "arus: Σ nilai; stok: Σ_k nilai terakhir_k (rata-rata antar kemitraan bila agregasi wilayah «rata_rata»); "
        "rasio: Σ(nilai × penyebut) ÷ Σ penyebut",
        "flow: Σ value; stock: Σ_k last value_k (the mean across partnerships where space aggregation is "
        "«rata_rata»); rate: Σ(value × denominator) ÷ Σ denominator",
    ),
    "metode.agregasi.sumber": (
        "Aturan arus/stok/rasio: angka rutin BKKBN (peserta KB baru = arus, peserta KB aktif = stok); DHIS2 "
        "(LAST_IN_PERIOD untuk stok; indikator = pembilang ÷ penyebut).",
        "Flow/stock/rate rules: BKKBN routine figures (new acceptors = flow, active users = stock); DHIS2 "
        "(LAST_IN_PERIOD for stocks; an indicator = numerator ÷ denominator).",
    ),
    # the map
    "metode.peta_penduduk.nama": (
        "Peta: per penduduk, per target atau rasio",
        "Map: per population, per target or rate",
    ),
    "metode.peta_penduduk.definisi": (
        "Peta mewarnai tiap provinsi atau kabupaten/kota dengan angka yang dapat dibandingkan antarwilayah, menurut "
        "katalog indikator (kolom «peta»): rasio (%, per 1.000) dan rata-rata antar kemitraan apa adanya; hitungan "
        "orang dan layanan per 1.000 penduduk; kader, pertemuan dan mitra per 100.000 penduduk; dana per penduduk; "
        "peserta KB sebagai % dari target (penduduk seluruhnya bukan penyebut KB). Nilai wilayah digabung seperti "
        "angka lain (arus dijumlahkan atas rentang, stok nilai terakhir, rasio tertimbang) dari kemitraan yang "
        "bekerja di wilayah itu, lalu dibagi penduduk 2025 seluruh wilayah — bukan penduduk yang dilayani, jadi "
        "angka rendah dapat berarti sedikit kemitraan, bukan jangkauan rendah. Wilayah tanpa nilai berwarna abu-abu, "
        "tidak pernah 0; kemitraan tanpa kabupaten/kota tidak dipetakan pada peta kabupaten/kota dan disebut "
        "jumlahnya.",
        "The map colours each province or kabupaten/kota with a figure areas can be compared by, as the indicator "
        "catalog says (column «peta»): rates (%, per 1,000) and means across partnerships as they are; counts of "
        "people and services per 1,000 people; cadres, meetings and partners per 100,000 people; funds per person; "
        "family-planning users as % of target (the whole population is no family-planning denominator). An area's "
        "value is combined like any other figure (flows summed over the range, stocks their last value, rates "
        "weighted) from the partnerships working there, then divided by the whole area's 2025 population — not the "
        "population served, so a low figure may mean few partnerships rather than low reach. Areas without a "
        "value are grey, never 0; partnerships without a kabupaten/kota are left off the kabupaten/kota map and "
        "counted.",
    ),
    "metode.peta_penduduk.rumus": (
        "per penduduk: nilai wilayah ÷ penduduk 2025 × 1.000 (atau 100.000, atau 1); % target: Σ nilai bertarget ÷ "
        "Σ target × 100",
        "per population: the area's value ÷ 2025 population × 1,000 (or 100,000, or 1); % of target: Σ value with a "
        "target ÷ Σ target × 100",
    ),
    "metode.peta_penduduk.satuan": (
        "per 1.000 / 100.000 penduduk, Rp per penduduk, % target, atau satuan rasio",
        "per 1,000 / 100,000 people, IDR per person, % of target, or the rate's unit",
    ),
    "metode.peta_penduduk.sumber": (
        "Penduduk 2025: data Dukcapil yang diterbitkan bersama Kepmendagri 300.2.2-2138/2025; batas wilayah: "
        "wilayah_boundaries (Kepmendagri 100.1.1-6117/2022 dan pembaruan 2025), lisensi MIT.",
        "2025 population: Dukcapil figures published with Kepmendagri 300.2.2-2138/2025; boundaries: "
        "wilayah_boundaries (Kepmendagri 100.1.1-6117/2022 and its 2025 update), MIT licence.",
    ),
    # denominators
    "metode.penyebut.nama": ("Rasio dan penyebutnya", "Rates and their denominators"),
    "metode.penyebut.definisi": (
        "Rasio tidak pernah dijumlahkan atau dirata-rata begitu saja: atas periode, kemitraan dan wilayah, rasio "
        "digabung dengan penyebutnya sendiri (perempuan kawin 15–49 untuk mCPR dan unmet need, perempuan 15–19 "
        "untuk kelahiran remaja, anak 12–23 bulan untuk imunisasi, balita yang diukur untuk stunting), yaitu "
        "pembilang gabungan dibagi penyebut gabungan. Laporan tanpa penyebut tidak ikut dalam angka tertimbang "
        "dan halaman menyebut jumlahnya; bila tidak satu pun laporan sebuah angka punya penyebut, angkanya "
        "rata-rata biasa, ditandai «tidak tertimbang» dengan n-nya. Porsi dana lokal ditimbang dengan uang: "
        "penyebutnya total dana periode itu, sehingga hasilnya Σ dana lokal ÷ Σ seluruh dana.",
        "Rates are never summed or averaged blindly: over periods, partnerships and regions a rate is pooled with "
        "its own denominator (married women 15–49 for mCPR and unmet need, women 15–19 for adolescent births, "
        "children 12–23 months for immunisation, under-fives measured for stunting), i.e. the pooled numerator "
        "over the pooled denominator. Reports without a denominator stay out of a weighted figure and the page "
        "says how many; where no report behind a figure has a denominator, the figure is a plain mean, marked "
        "«not weighted» with its n. The local co-funding share is weighted by money: its denominator is the "
        "period's total funds, so the result is Σ local funds ÷ Σ all funds.",
    ),
    "metode.penyebut.rumus": (
        "Σ(nilai × penyebut) ÷ Σ penyebut atas laporan dengan penyebut > 0; bila tak satu pun: Σ nilai ÷ n "
        "(tidak tertimbang)",
        "Σ(value × denominator) ÷ Σ denominator over the reports with a denominator > 0; where none has one: "
        "Σ value ÷ n (not weighted)",
    ),
    "metode.penyebut.satuan": ("satuan rasio (%, per 1.000)", "the rate's unit (%, per 1,000)"),
    "metode.penyebut.arah": ("Menurut indikator", "Per indicator"),
    "metode.penyebut.sumber": (
        "DHIS2 (indikator = pembilang ÷ penyebut); penyebut tiap rasio di katalog indikator (kolom penyebut).",
        "DHIS2 (an indicator = numerator ÷ denominator); each rate's denominator in the indicator catalog "
        "(penyebut columns).",
    ),
    # stocks
    "metode.stok.nama": ("Stok di akhir periode", "Stocks at the end of a period"),
    "metode.stok.definisi": (
        "Untuk stok, tiap kemitraan menyumbang nilainya untuk periode utuh terakhir menurut iramanya sendiri yang "
        "berakhir paling lambat di akhir rentang: bulan terakhir bagi pelapor bulanan, triwulan terakhir yang utuh "
        "bagi pelapor triwulanan (T3 untuk rentang yang berakhir November) — atau per bulan terakhir yang dilaporkan "
        "kemitraan yang masih berjalan, bila data berakhir lebih awal. Kemitraan yang berakhir sebelum hari terakhir "
        "rentang tidak dihitung. Kemitraan yang laporan terakhir yang diharapkan itu tidak ada «tidak melapor»: "
        "tidak dijumlahkan, tetapi dihitung dan disebut di samping angka («2 kemitraan tidak melapor»), juga di "
        "panel status. Ada atau tidaknya laporan dinilai dari laporan yang ditandai maupun tidak; bila nilai "
        "terakhir itu ditandai, nilai itu tidak dihitung dan disebut («1 kemitraan: nilai terakhir ditandai, "
        "tidak dihitung»), sehingga tanda hanya mengubah angka pemiliknya. Angka stok menyebut bulan yang diwakilinya.",
        "For a stock, each partnership contributes its value for the latest whole period of its own rhythm that "
        "ends by the end of the range: the last month for a monthly reporter, the last whole quarter for a "
        "quarterly one (Q3 for a range ending in November) — or as of the last month reported by a partnership "
        "still running, when the data end earlier. A partnership that ended before the range's last day is out. "
        "One whose latest expected report is missing is «not reporting»: not summed, but counted and named beside "
        "the figure («2 partnerships not reporting»), in the status panel too. Whether a report exists is judged "
        "from flagged and unflagged reports alike; when that last value is flagged it is left out and said "
        "(«1 partnership: last value flagged, left out»), so a flag changes only its holder's figure. A stock "
        "figure names the month it stands for.",
    ),
    "metode.stok.rumus": (
        "stok = Σ_k nilai_k(b_k); k: tanggal_selesai kosong atau ≥ hari terakhir rentang; b_k = bulan terakhir "
        "periode utuh terakhir irama k yang berakhir ≤ M; M = min(bulan akhir, bulan terakhir yang dilaporkan "
        "kemitraan yang masih berjalan); laporan terakhir_k < b_k ⇒ tidak melapor",
        "stock = Σ_k value_k(b_k); k: no end date or one ≥ the range's last day; b_k = last month of the latest "
        "whole period of k's rhythm ending ≤ M; M = min(final month, last month reported by a partnership still "
        "running); k's last report < b_k ⇒ not reporting",
    ),
    "metode.stok.satuan": ("satuan indikator", "the indicator's unit"),
    "metode.stok.sumber": (
        "DHIS2 LAST_IN_PERIOD; katalog indikator (agregasi_waktu = terakhir).",
        "DHIS2 LAST_IN_PERIOD; indicator catalog (agregasi_waktu = terakhir).",
    ),
    # flagged values
    "metode.ditandai.nama": ("Nilai ditandai", "Flagged values"),
    "metode.ditandai.definisi": (
        "Aturan kualitas data menandai nilai di bawah batas minimum atau di atas batas maksimum katalog, dan nilai "
        "yang jauh dari kebiasaan kemitraan itu sendiri (indikator dan jenis periode yang sama), menurut cara "
        "agregasinya: arus lebih dari {outlier} × mediannya (mis. salah ketik satu nol); stok lebih dari {outlier} × "
        "atau kurang dari 1/{outlier} median {history} nilai sebelumnya; rasio yang bergeser lebih dari {rate_jump} "
        "poin dari median {history} nilai sebelumnya (mCPR 5 → 50). Stok dan rasio baru dinilai setelah ada "
        "{history} nilai sebelumnya. Tanda dihitung atas semua data, tidak bergantung pada filter. "
        "Nilai ditandai tidak dihitung dalam angka, grafik dan tabel mana pun, kecuali pembaca menyalakan «sertakan "
        "nilai ditandai» (di URL tandai=1; di baris perintah --sertakan-ditandai); halaman menyebut berapa nilai "
        "ditandai dan panel kualitas data mendaftarnya.",
        "The data-quality rules flag a value below the catalog's minimum or above its maximum, and a value far "
        "from the partnership's own habit (same indicator and period type), by how it aggregates: a flow above "
        "{outlier} × its median (e.g. a typing slip of one zero); a stock above {outlier} × or below 1/{outlier} of "
        "the median of its {history} previous values; a rate more than {rate_jump} points away from the median of "
        "its {history} previous values (mCPR 5 → 50). Stocks and rates are judged once {history} previous values "
        "exist. Flags are "
        "computed over all the data, whatever the filters. Flagged values are left "
        "out of every figure, chart and table unless the reader switches «include flagged values» on (tandai=1 "
        "in the URL; --sertakan-ditandai on the command line); the page says how many values are flagged and "
        "the data-quality panel lists them.",
    ),
    "metode.ditandai.rumus": (
        "ditandai ⇔ nilai < min ∨ nilai > maks ∨ (arus ∧ m > 0 ∧ nilai > {outlier} × m) ∨ (stok ∧ n = {history} ∧ "
        "m' > 0 ∧ (nilai > {outlier} × m' ∨ nilai < m' ÷ {outlier})) ∨ (rasio ∧ n = {history} ∧ |nilai − m'| > "
        "{rate_jump}); m = median semua nilai, m' = median {history} nilai sebelumnya (kemitraan, indikator, jenis periode)",
        "flagged ⇔ value < min ∨ value > max ∨ (flow ∧ m > 0 ∧ value > {outlier} × m) ∨ (stock ∧ n = {history} ∧ "
        "m' > 0 ∧ (value > {outlier} × m' ∨ value < m' ÷ {outlier})) ∨ (rate ∧ n = {history} ∧ |value − m'| > "
        "{rate_jump}); m = median of all values, m' = median of the {history} previous values (partnership, indicator, "
        "period type)",
    ),
    "metode.ditandai.sumber": (
        "Batas min/maks katalog indikator; aturan kualitas data dasbor.",
        "The indicator catalog's min/max; the dashboard's data-quality rules.",
    ),
    # completeness and timeliness
    "metode.kelengkapan.nama": ("Kelengkapan dan ketepatan laporan", "Reporting completeness and timeliness"),
    "metode.kelengkapan.definisi": (
        "Seperti DHIS2. Satu laporan = satu periode satu kemitraan (semua nilai indikatornya). Laporan yang "
        "diharapkan adalah setiap periode pada irama kemitraan itu (jenis periode yang paling sering dipakainya) "
        "yang seluruhnya di dalam rentang dan dalam masa kemitraan (dari periode tanggal_mulai sampai periode "
        "tanggal_selesai); kemitraan yang diam sepanjang rentang tetap diharapkan, kemitraan yang belum pernah "
        "melapor tidak punya irama dan tidak dihitung. Laporan tepat waktu bila tanggal_lapor paling lambat {hari} "
        "hari setelah akhir periodenya; laporan tanpa tanggal_lapor diterima tetapi tidak tepat waktu, dan halaman "
        "menyebut jumlahnya.",
        "As in DHIS2. A report = one period of one partnership (all its indicator values). The reports expected "
        "are every period of the partnership's cadence (the period type it uses most) that lies wholly inside the "
        "range and within its life (from the period holding tanggal_mulai to the one holding tanggal_selesai); a "
        "partnership silent through the whole range is still expected, one that never reported has no cadence "
        "and is not counted. A report is on time when its tanggal_lapor is at most {hari} {hari|day|days} after its period "
        "ends; a report without a tanggal_lapor is received but not on time, and the page says how many.",
    ),
    "metode.kelengkapan.rumus": (
        "kelengkapan = laporan diterima ÷ laporan diharapkan × 100; ketepatan = laporan tepat waktu ÷ laporan "
        "diharapkan × 100",
        "completeness = reports received ÷ reports expected × 100; timeliness = reports on time ÷ reports expected "
        "× 100",
    ),
    "metode.kelengkapan.sumber": (
        "DHIS2: reporting rate dan reporting rate on time suatu data set (batas tepat waktu bawaan 15 hari).",
        "DHIS2: a data set's reporting rate and reporting rate on time (default timely limit 15 days).",
    ),
    # --- reach ------------------------------------------------------------------------------------------
    # attainment
    "metode.capaian.nama": ("Capaian target", "Target attainment"),
    "metode.capaian.definisi": (
        "Orang terjangkau (kontak) dibanding targetnya, atas laporan yang membawa target, sehingga pembilang dan "
        "penyebut mencakup laporan yang sama. Tidak dibatasi 100 % dan bukan indeks gabungan.",
        "People reached (contacts) against their target, over the reports that carry a target, so numerator and "
        "denominator cover the same reports. Not capped at 100 % and not a composite.",
    ),
    "metode.capaian.rumus": (
        "Σ terjangkau (laporan bertarget) ÷ Σ target × 100",
        "Σ reached (reports with a target) ÷ Σ target × 100",
    ),
    "metode.capaian.sumber": (
        "Capaian terhadap target seperti dalam pelaporan rutin BKKBN/Kemenkes.",
        "Attainment against target as in BKKBN / MoH routine reporting.",
    ),
    # coverage
    "metode.cakupan.definisi": (
        "Orang terjangkau (kontak) dibanding populasi sasaran, disetahunkan: sasaran dihitung sebagai orang-tahun "
        "pada periode yang melaporkan orang terjangkau dan sasaran, dan hanya kontak periode itu yang dihitung, "
        "sehingga kontak kemitraan tanpa sasaran tidak membesarkan cakupan. Cakupan sebulan, setriwulan atau "
        "beberapa tahun dapat dibandingkan.",
        "People reached (contacts) relative to the target population, annualised: the target population counts as "
        "person-years over the periods that report both people reached and a target population, and only those "
        "periods' contacts count, so contacts of partnerships without a target population never inflate coverage. "
        "A month, a quarter or several years compare alike.",
    ),
    "metode.cakupan.rumus": (
        "Σ terjangkau ÷ Σ (sasaran × bulan periode laporan ÷ 12) × 100; kedua penjumlahan atas periode dan "
        "kemitraan yang melaporkan terjangkau dan sasaran",
        "Σ reached ÷ Σ (target population × months in the reporting period ÷ 12) × 100; both sums over the "
        "periods and partnerships that report people reached and a target population",
    ),
    "metode.cakupan.sumber": ("Katalog indikator (terjangkau, sasaran)", "Indicator catalog (terjangkau, sasaran)"),
    # hard-to-reach share
    "metode.porsi_rentan.nama": ("Porsi kelompok rentan", "Hard-to-reach share"),
    "metode.porsi_rentan.definisi": (
        "Bagian kontak (orang terjangkau) yang berasal dari kelompok rentan atau sulit dijangkau, atas semua "
        "laporan yang dihitung dalam rentang.",
        "Share of the contacts (people reached) who belong to hard-to-reach groups, over every report counted in "
        "the range.",
    ),
    "metode.porsi_rentan.rumus": (
        "Σ kelompok_rentan_terjangkau ÷ Σ terjangkau × 100",
        "Σ hard-to-reach people reached ÷ Σ people reached × 100",
    ),
    # cost per contact
    "metode.biaya_per_kontak.definisi": (
        "Dana terealisasi dibagi kontak layanan pada rentang dan filter yang sama, keduanya dari kemitraan yang "
        "melaporkan dana terealisasi dan kontak layanan (n disebut di samping angka): dana kemitraan yang tidak "
        "melaporkan kontak tidak dibagi dengan kontak kemitraan lain. Kontak, bukan orang unik: seseorang yang "
        "dilayani di beberapa periode dihitung beberapa kali.",
        "Funds disbursed divided by service contacts over the same range and filters, both from the partnerships "
        "that report funds disbursed and contacts (n is shown beside the figure): the funds of a partnership that "
        "reports no contacts are not divided by other partnerships' contacts. Contacts, not unique people: a person "
        "served in several periods counts several times.",
    ),
    "metode.biaya_per_kontak.rumus": (
        "Σ_k dana_realisasi_idr ÷ Σ_k terjangkau, k = kemitraan yang melaporkan keduanya",
        "Σ_k funds disbursed ÷ Σ_k service contacts, k = partnerships reporting both",
    ),
    "metode.biaya_per_kontak.satuan": ("Rp per kontak", "IDR per contact"),
    "metode.biaya_per_kontak.arah": (
        "Dibaca bersama cakupan dan capaian",
        "Read together with coverage and attainment",
    ),
    "metode.biaya_per_kontak.sumber": (
        "Katalog indikator (dana_realisasi_idr, terjangkau)",
        "Indicator catalog (dana_realisasi_idr, terjangkau)",
    ),
    # reach index (a composite)
    "metode.indeks_jangkauan.definisi": (
        "Indeks gabungan, bukan besaran yang dapat diukur langsung: rata-rata cakupan (dibatasi 100 %) dan capaian "
        "gabungan, yaitu rata-rata capaian target (masing-masing dibatasi 100 %) indikator jangkauan yang punya "
        "target.",
        "A composite index, not a quantity one can measure: the mean of coverage (capped at 100 %) and the "
        "composite attainment, i.e. the mean target attainment (each capped at 100 %) of the reach indicators "
        "that have a target.",
    ),
    "metode.indeks_jangkauan.rumus": (
        "100 × rata-rata( min(1, cakupan), rata-rata_i min(1, realisasi_i ÷ target_i) ); i = indikator jangkauan "
        "yang memiliki target > 0; komponen yang datanya tidak ada dilewati.",
        "100 × mean( min(1, coverage), mean_i min(1, realised_i ÷ target_i) ); i = reach indicators with a target "
        "> 0; components without data are skipped.",
    ),
    "metode.indeks_jangkauan.satuan": ("indeks gabungan 0–100", "composite index 0–100"),
    "metode.indeks_jangkauan.sumber": (
        "Indikator jangkauan dari katalog indikator; capaian terhadap target lazim dalam pelaporan rutin BKKBN/Kemenkes.",
        "Reach indicators from the indicator catalog; attainment against target as in BKKBN / MoH routine reporting.",
    ),
    # --- sustainability (a composite) -------------------------------------------------------------------
    "metode.indeks_keberlanjutan.definisi": (
        "Indeks gabungan dari empat komponen berbobot sama: realisasi dana (dana terealisasi ÷ dana komitmen), "
        "porsi dana lokal (ditimbang dengan uang: Σ dana lokal ÷ Σ seluruh dana), keragaman sumber dana (penuh "
        "pada {sources_full} sumber) dan capaian kapasitas (kader dilatih, pertemuan koordinasi).",
        "A composite of four equally weighted components: funds disbursed (disbursed ÷ committed), the local "
        "co-funding share (weighted by money: Σ local funds ÷ Σ all funds), diversity of funding sources (full at "
        "{sources_full} {sources_full|source|sources}) and capacity attainment (cadres trained, coordination meetings).",
    ),
    "metode.indeks_keberlanjutan.rumus": (
        "100 × rata-rata( min(1, dana_realisasi ÷ dana_komitmen), porsi_dana_lokal ÷ 100, "
        "min(1, jumlah_sumber_dana ÷ {sources_full}), rata-rata_i min(1, realisasi_i ÷ target_i) ); "
        "bobot sama, komponen tanpa data dilewati.",
        "100 × mean( min(1, funds disbursed ÷ funds committed), local share ÷ 100, "
        "min(1, funding sources ÷ {sources_full}), mean_i min(1, realised_i ÷ target_i) ); "
        "equal weights, components without data skipped.",
    ),
    "metode.indeks_keberlanjutan.sumber": (
        "Indikator keberlanjutan dari katalog indikator; kerangka keberlanjutan program (pendanaan, kapasitas, "
        "kemitraan).",
        "Sustainability indicators from the indicator catalog; program sustainability framework (funding, "
        "capacity, partnerships).",
    ),
    # --- impact -----------------------------------------------------------------------------------------
    "metode.dampak_membaik.nama": (
        "Perubahan kohort dan kemitraan yang membaik (dampak)",
        "Cohort change and partnerships improving (impact)",
    ),
    "metode.dampak_membaik.definisi": (
        "Untuk tiap indikator hasil, angka utama adalah perubahan kohort gabungan: nilai akhir kohort dikurangi "
        "nilai awalnya, keduanya digabung dengan penyebut (kemitraan dengan penyebut besar lebih berbobot), dengan "
        "selang kepercayaan 95 % dari galat sampel binomial. Kedua: berapa persen kemitraan kohort yang membaik. "
        "Nilai tiap kemitraan di tiap jendela adalah rasionya sendiri yang digabung dengan penyebut. Membaik bila "
        "berubah ke arah yang lebih baik menurut katalog (stunting, unmet need, kelahiran remaja: turun lebih "
        "baik) paling sedikit sebesar perubahan minimum katalog dan melebihi 1,96 × galat baku kemitraan itu "
        "(dari penyebutnya per laporan; tanpa penyebut hanya perubahan minimum yang berlaku); memburuk bila "
        "sebaliknya; selain itu tetap. Porsinya disajikan dengan n dan IK 95 % (Wilson). Bila perubahan kohort "
        "dan mayoritas kemitraan menunjuk arah berbeda, setiap tampilan menyebut «Arah berlawanan». Dengan n di "
        "bawah {impact_small} setiap tampilan memberi peringatan. Perubahan minimum: {minimum}.",
        "For each outcome the headline is the pooled cohort change: the cohort's latest value minus its baseline, "
        "both pooled with their denominators (a partnership with a large denominator weighs more), with a 95 % "
        "confidence interval from binomial sampling error. Second: the share of the cohort's partnerships that "
        "improved. Each partnership's value in a window is its own rate pooled with its denominators. Improved "
        "when it moved in the direction the catalog counts as better (stunting, unmet need, adolescent births: "
        "lower is better) by at least the catalog's minimum change and by more than 1.96 × that partnership's "
        "standard error (from its denominator per report; without a denominator only the minimum applies); "
        "worsened when the opposite; otherwise held steady. The share comes with n and a 95 % CI (Wilson). When "
        "the cohort change and most partnerships point different ways, every view says «Opposite directions». "
        "Below n = {impact_small} every view warns. Minimum changes: {minimum}.",
    ),
    "metode.dampak_membaik.rumus": (
        "perubahan kohort = Σ(akhir × w) ÷ Σ w − Σ(awal × w) ÷ Σ w, w = Σ penyebut; var(v) = v (K − v) ÷ n, K = 100 "
        "(%) atau 1.000 (per 1.000), n = Σ penyebut ÷ laporan; IK 95 % = perubahan ± 1,96 · √(Σ w² var ÷ (Σ w)² "
        "awal + akhir); perubahan_k = akhir_k − awal_k; se_k = √(var awal_k + var akhir_k); membaik ⇔ "
        "perubahan_k × arah ≥ Δmin dan > 1,96 · se_k; memburuk ⇔ perubahan_k × arah ≤ −Δmin dan < −1,96 · se_k; "
        "porsi = membaik ÷ n × 100; IK 95 % (Wilson) = (p + z²/2n ± z·√(p(1 − p)/n + z²/4n²)) ÷ (1 + z²/n), "
        "p = membaik ÷ n, z = 1,96",
        "cohort change = Σ(latest × w) ÷ Σ w − Σ(baseline × w) ÷ Σ w, w = Σ denominator; var(v) = v (K − v) ÷ n, "
        "K = 100 (%) or 1,000 (per 1,000), n = Σ denominator ÷ reports; 95 % CI = change ± 1.96 · √(Σ w² var ÷ "
        "(Σ w)² baseline + latest); change_k = latest_k − baseline_k; se_k = √(var baseline_k + var latest_k); "
        "improved ⇔ change_k × direction ≥ Δmin and > 1.96 · se_k; worsened ⇔ change_k × direction ≤ −Δmin and "
        "< −1.96 · se_k; share = improved ÷ n × 100; 95 % CI (Wilson) = (p + z²/2n ± z·√(p(1 − p)/n + z²/4n²)) ÷ "
        "(1 + z²/n), p = improved ÷ n, z = 1.96",
    ),
    "metode.dampak_membaik.satuan": (
        "% kemitraan kohort, dengan n dan IK 95 %",
        "% of the cohort's partnerships, with n and a 95 % CI",
    ),
    "metode.dampak_membaik.sumber": (
        "Definisi indikator: SDKI 2017 (Indonesia DHS), SSGI, SDG 3.7.1, Kemenkes; arah dan perubahan minimum dari "
        "katalog indikator; selang Wilson (1927).",
        "Indicator definitions: SDKI 2017 (Indonesia DHS), SSGI, SDG 3.7.1, Ministry of Health; direction and "
        "minimum change from the indicator catalog; Wilson score interval (1927).",
    ),
    "metode.dampak_kohort.nama": ("Kohort dan jendela dampak", "Impact cohort and windows"),
    "metode.dampak_kohort.definisi": (
        "Setiap kemitraan dinilai pada bulan yang sama: jendela awal = {window} bulan pertama rentang, jendela "
        "akhir = {window} bulan terakhirnya (setengah rentang bila rentang lebih pendek dari {window} × 2 bulan). "
        "Kohort suatu indikator = kemitraan yang melaporkannya di kedua jendela. Nilai kohort awal → akhir adalah "
        "rasio gabungan kohort di tiap jendela, sehingga angka utama dan grafik di bawahnya menggambarkan kemitraan "
        "yang sama. Grafik tren bawaan menampilkan kohort tetap (kemitraan yang sama di setiap periode); «semua "
        "yang melapor» adalah pilihan, dan halaman menyebut kohort mana yang ditampilkan.",
        "Every partnership is judged over the same months: the baseline window = the range's first {window} "
        "{window|month|months}, the latest window = its last {window} {window|month|months} (half the range when it is shorter than {window} × 2 "
        "months). An outcome's cohort = the partnerships that report it in both windows. The cohort's baseline → "
        "latest values are its pooled rates in each window, so the headline and the chart under it describe the "
        "same partnerships. Trend charts default to the fixed cohort (the same partnerships in every period); "
        "«all reporting» is an option, and the page says which cohort it shows.",
    ),
    "metode.dampak_kohort.rumus": (
        "w = min({window}, ⌊bulan rentang ÷ 2⌋); jendela awal = bulan 1 … w; jendela akhir = bulan terakhir − w + 1 "
        "… bulan terakhir; nilai kohort = Σ(nilai × penyebut) ÷ Σ penyebut atas laporan kohort di jendela itu",
        "w = min({window}, ⌊months in the range ÷ 2⌋); baseline window = months 1 … w; latest window = last month "
        "− w + 1 … last month; cohort value = Σ(value × denominator) ÷ Σ denominator over the cohort's reports in "
        "that window",
    ),
    "metode.dampak_kohort.sumber": (
        "Desain kohort tetap dengan baseline bersama, seperti evaluasi program sebelum–sesudah.",
        "A fixed cohort with a common baseline, as in before–after programme evaluation.",
    ),
    # health score
    "metode.skor_kesehatan.nama": ("Skor kesehatan kemitraan", "Partnership-health score"),
    "metode.skor_kesehatan.definisi": (
        "Untuk tiap prinsip kemitraan (8 butir survei), rata-rata jawaban skala Likert 1–5 semua responden, "
        "diubah ke skala 0–100. Skor dengan kurang dari {min_n} responden diberi peringatan.",
        "For each partnership principle (8 survey items), the mean of all respondents' 1–5 Likert answers, "
        "rescaled to 0–100. Scores from fewer than {min_n} {min_n|respondent|respondents} carry a warning.",
    ),
    "metode.skor_kesehatan.rumus": ("skor = (rata-rata − 1) ÷ 4 × 100", "score = (mean − 1) ÷ 4 × 100"),
    "metode.skor_kesehatan.sumber": _WILDER,
    # zones
    "metode.zona_kesehatan.nama": ("Zona kesehatan kemitraan", "Partnership-health zones"),
    "metode.zona_kesehatan.definisi": (
        "Zona dibaca pada skor 0–100 yang sama di setiap halaman: kuat (≥ {strong}), perlu perhatian ({attention} "
        "sampai < {strong}), lemah (< {attention}) — setara batas Wilder pada rata-rata 1–5 ({strong_mean} dan "
        "{attention_mean}). Alternatif zona (PSAT, pada rata-rata 1–5), belum dikonfirmasi dengan teks instrumen: {psat}.",
        "Zones are read on the same 0–100 score on every page: strong (≥ {strong}), needs attention ({attention} to "
        "< {strong}), weak (< {attention}) — Wilder's cut-offs on the 1–5 mean ({strong_mean} and {attention_mean}). "
        "Alternative zones (PSAT, on the 1–5 mean), not confirmed against the instrument's text: {psat}.",
    ),
    "metode.zona_kesehatan.rumus": (
        "skor ≥ {strong} → kuat; {attention} ≤ skor < {strong} → perlu perhatian; skor < {attention} → lemah",
        "score ≥ {strong} → strong; {attention} ≤ score < {strong} → needs attention; score < {attention} → weak",
    ),
    "metode.zona_kesehatan.satuan": ("kategori", "category"),
    "metode.zona_kesehatan.arah": ("Kuat lebih baik", "Strong is better"),
}

#: Keys built from a code whose text is another key's (see kemitraan.i18n): written once, there.
ALIASES: dict[str, str] = {
    "metode.periode.arah": "metode.periode.satuan",
    "metode.agregasi.satuan": "metode.periode.satuan",
    "metode.agregasi.arah": "metode.periode.satuan",
    "metode.stok.arah": "metode.penyebut.arah",
    "metode.ditandai.satuan": "metode.periode.satuan",
    "metode.ditandai.arah": "metode.periode.satuan",
    "metode.kelengkapan.satuan": "satuan.%",
    "metode.kelengkapan.arah": "an.dir.up",
    "metode.capaian.satuan": "satuan.%",
    "metode.capaian.arah": "an.dir.up",
    "metode.cakupan.nama": "export.slide.cakupan",
    "metode.cakupan.satuan": "satuan.%",
    "metode.cakupan.arah": "an.dir.up",
    "metode.porsi_rentan.satuan": "satuan.%",
    "metode.porsi_rentan.arah": "an.dir.up",
    "metode.porsi_rentan.sumber": "an.metodologi.catalog",
    "metode.biaya_per_kontak.nama": "fig.kpi.cost",
    "metode.indeks_jangkauan.nama": "fig.kpi.reach_index",
    "metode.indeks_jangkauan.arah": "an.dir.up",
    "metode.indeks_keberlanjutan.nama": "fig.kpi.sust_index",
    "metode.indeks_keberlanjutan.satuan": "metode.indeks_jangkauan.satuan",
    "metode.indeks_keberlanjutan.arah": "an.dir.up",
    "metode.dampak_membaik.arah": "an.dir.up",
    "metode.dampak_kohort.satuan": "metode.stok.satuan",
    "metode.dampak_kohort.arah": "metode.penyebut.arah",
    "metode.skor_kesehatan.satuan": "satuan.skor",
    "metode.skor_kesehatan.arah": "an.dir.up",
    "metode.zona_kesehatan.sumber": "metode.skor_kesehatan.sumber",
    "metode.peta_penduduk.arah": "metode.periode.satuan",
}
