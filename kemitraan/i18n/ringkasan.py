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
    "kpi.terjangkau": ("Orang terjangkau", "People reached"),
    "kpi.capaian": ("Capaian target jangkauan", "Reach target achieved"),
    "kpi.rentan": ("Kelompok rentan", "Hard-to-reach groups"),
    "kpi.rentan_help": ("dari semua orang terjangkau", "of everyone reached"),
    "kpi.dana": ("Dana terealisasi", "Funds disbursed"),
    "kpi.dana_help": ("{pct} dari komitmen", "{pct} of committed"),
    "kpi.responden": ("Responden survei", "Survey respondents"),
    "chart.reach.title": (
        "Jangkauan: berapa orang terjangkau per kategori, dibanding target? (orang)",
        "Reach: how many people did each category reach, against target? (people)",
    ),
    "chart.reach.reached": ("Terjangkau", "Reached"),
    "chart.reach.target": ("Target", "Target"),
    "chart.sust.title": (
        "Keberlanjutan: berapa persen dana terealisasi, dan berapa porsi dana lokal? (%)",
        "Sustainability: what share of committed funds was spent, and how much is local? (%)",
    ),
    "chart.sust.realised": ("Dana terealisasi / komitmen", "Funds disbursed / committed"),
    "chart.sust.local": ("Porsi dana lokal", "Local co-funding share"),
    "chart.impact.title": (
        "Dampak: seberapa besar indikator hasil membaik sejak awal? (poin; positif = membaik)",
        "Impact: how much did outcome indicators improve since baseline? (points; positive = better)",
    ),
    "chart.impact.axis": ("Perbaikan (poin)", "Improvement (points)"),
    "chart.reach_trend.title": (
        "Jangkauan per tahun: apakah kemitraan menjangkau lebih banyak orang? (orang)",
        "Reach per year: are partnerships reaching more people? (people)",
    ),
}
