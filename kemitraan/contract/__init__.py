"""The data contract in code: the single place every other module asks.

- :mod:`.schema`      record kinds, canonical columns, stored types, keys, header matching
- :mod:`.enums`       enumerations (id/en labels), the Likert scale, the survey's principles
- :mod:`.vocabulary`  header normalisation; personal-data, meta and ignored headers
- :mod:`.indicators`  the indicator catalog (``kemitraan/catalog/indikator.csv``)
- :mod:`.provinces`   the 38 provinces (``kemitraan/catalog/provinsi.csv``)
- :mod:`.areas`       the 514 kabupaten/kota (``kemitraan/catalog/kabupaten.csv``) and the matcher of their names
- :mod:`.periods`     how long a reported period lasts, when a report is due

Everything is re-exported here, so callers write ``contract.indicator("mcpr_pct")``.
Mirrors docs/DATA_CONTRACT.md; tests/test_contract.py keeps the two honest.
"""

from kemitraan.contract.areas import (  # noqa: F401
    MATCH_RULES_VERSION,
    NATIONAL_NAME,
    Area,
    AreaMatch,
    RegionMatch,
    area_key,
    area_name,
    areas,
    match_area,
    match_region,
)
from kemitraan.contract.enums import (  # noqa: F401
    ENUMS,
    LIKERT,
    PRINCIPLE_LABELS,
    PRINCIPLES,
    enum_code,
    enum_codes,
    enum_label,
    likert_value,
)
from kemitraan.contract.indicators import (  # noqa: F401
    MAP_MEASURES,
    Indicator,
    indicator,
    indicator_code,
    indicators,
    indicators_of,
)
from kemitraan.contract.periods import PERIOD_MONTHS, REPORT_ON_TIME_DAYS, period_end, report_due  # noqa: F401
from kemitraan.contract.provinces import (  # noqa: F401
    BOUNDARY_FILES,
    Province,
    boundaries,
    province_by_code,
    province_by_name,
    province_name,
    provinces,
)
from kemitraan.contract.schema import (  # noqa: F401
    COLUMNS,
    DERIVED_COLUMNS,
    KEYS,
    KINDS,
    NATIONAL_CODE,
    PARTNERSHIP_KINDS,
    WILAYAH_LEVELS,
    Column,
    column,
    columns,
    input_columns,
    match_header,
    stored_columns,
    stored_schema,
)
from kemitraan.contract.vocabulary import (  # noqa: F401
    IGNORED_HEADERS,
    META_HEADERS,
    OTHERS,
    PERSONAL_DATA_HEADERS,
    TEMPLATE_INFO_SHEETS,
    norm_header,
    norm_label,
)
