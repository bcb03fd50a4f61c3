"""Strings of the home page (Ringkasan) and its charts."""

STRINGS: dict[str, tuple[str, str]] = {
    "page.ringkasan": ("Ringkasan", "Overview"),
    "ringkasan.title": ("Ringkasan kemitraan kesehatan", "Health partnerships at a glance"),
    "ringkasan.intro": (
        "Jangkauan, keberlanjutan, dan dampak per kategori kemitraan, untuk filter yang dipilih di panel samping.",
        "Reach, sustainability and impact per partnership category, for the filters chosen in the sidebar.",
    ),
    "kpi.kemitraan": ("Kemitraan", "Partnerships"),
    "kpi.kemitraan_help": ("{aktif} masih aktif", "{aktif} still active"),
    "kpi.terjangkau": ("Kontak layanan", "Service contacts"),
    "kpi.capaian": ("Capaian target jangkauan", "Reach target attained"),
    "kpi.rentan_help": ("dari semua orang terjangkau", "of everyone reached"),
    "kpi.dana": ("Dana terealisasi", "Funds disbursed"),
    "kpi.dana_help": ("{pct} dari komitmen", "{pct} of committed"),
    "chart.reach.title": (
        "Jangkauan: berapa kontak layanan per kategori, dibanding target? (kontak: orang per periode)",
        "Reach: how many service contacts per category, against target? (contacts: people per period)",
    ),
    "chart.sust.title": (
        "Keberlanjutan: berapa persen dana terealisasi, dan berapa porsi dana lokal? (%)",
        "Sustainability: what share of committed funds was spent, and how much is local? (%)",
    ),
    "chart.sust.realised": ("Dana terealisasi / komitmen", "Funds disbursed / committed"),
    "chart.sust.local": ("Porsi dana lokal", "Local co-funding share"),
    "chart.impact.title": (
        "Dampak: per indikator hasil, berapa bagian kemitraan yang membaik? (% kohort, IK 95 %)",
        "Impact: per outcome, what share of partnerships improved? (% of the cohort, 95 % CI)",
    ),
    "chart.reach_trend.title": (
        "Jangkauan per tahun: apakah kontak layanan bertambah? (kontak)",
        "Reach per year: are service contacts growing? (contacts)",
    ),
}
