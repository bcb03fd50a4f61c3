"""A data folder on object storage (kemitraan.storage.objects): URLs that cannot be used, stores that cannot coordinate."""

STRINGS: dict[str, tuple[str, str]] = {
    "objects.err.not_url": (
        "Folder data {url} bukan URL (contoh: s3://bucket/prefix).",
        "The data folder {url} is not a URL (for example s3://bucket/prefix).",
    ),
    "objects.err.scheme": (
        "Folder data {url} memakai skema yang tidak didukung; yang didukung: {schemes}.",
        "The data folder {url} uses an unsupported scheme; supported: {schemes}.",
    ),
    "objects.err.bucket": (
        "Folder data {url} tidak menyebut nama bucket yang sah (s3://bucket/prefix).",
        "The data folder {url} does not name a valid bucket (s3://bucket/prefix).",
    ),
    "objects.err.no_bucket": (
        "Bucket untuk folder data {url} tidak ada. Buat bucket itu dulu, atau periksa AWS_ENDPOINT_URL.",
        "The bucket of the data folder {url} does not exist. Create it first, or check AWS_ENDPOINT_URL.",
    ),
    "objects.err.forbidden": (
        "Akses ke folder data {url} ditolak ({detail}). Periksa AWS_ACCESS_KEY_ID dan AWS_SECRET_ACCESS_KEY.",
        "Access to the data folder {url} was refused ({detail}). Check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.",
    ),
    "objects.err.unreachable": (
        "Folder data {url} tidak dapat dihubungi ({detail}). Periksa AWS_ENDPOINT_URL dan jaringan.",
        "The data folder {url} cannot be reached ({detail}). Check AWS_ENDPOINT_URL and the network.",
    ),
    "objects.err.no_conditional_writes": (
        "Penyimpanan objek bucket {bucket} tidak menghormati penulisan bersyarat (If-None-Match), sehingga dua "
        "server bisa menimpa unggahan satu sama lain. Unggahan dan pembatalan ditolak; lihat docs/scaling.md.",
        "The object storage of bucket {bucket} does not honour conditional writes (If-None-Match), so two servers "
        "could overwrite each other's uploads. Uploads and undo are refused; see docs/scaling.md.",
    ),
}
