"""Login, roles and the users file (kemitraan.auth), and `python -m kemitraan hash-password`."""

STRINGS: dict[str, tuple[str, str]] = {
    # the login form (drawn by the upload page)
    "auth.form.username": ("Nama pengguna", "Username"),
    "auth.form.password": ("Kata sandi", "Password"),
    "auth.form.login": ("Masuk", "Sign in"),
    "auth.form.logout": ("Keluar", "Sign out"),
    "auth.form.logged_in_as": ("Masuk sebagai {user} ({role}).", "Logged in as {user} ({role})."),
    "auth.form.need_editor": (
        "Mengunggah, membatalkan unggahan, dan menulis catatan hanya untuk editor. Masuk dengan akun editor.",
        "Uploading, undoing uploads and writing notes are for editors only. Sign in with an editor account.",
    ),
    "auth.form.local_only": (
        "Belum ada berkas pengguna: penyuntingan hanya dapat dilakukan dari peramban di komputer server ini. "
        "Lihat docs/DEPLOY.md (bagian berkas pengguna) untuk membuatnya.",
        "There is no users file: editing is possible only from a browser on the server machine itself. "
        "See docs/DEPLOY.md (the users file) to create one.",
    ),
    "auth.write.refused": (
        "Tidak disimpan: sesi ini tidak lagi berhak menyunting (peran editor dicabut atau berkas pengguna berubah). "
        "Tidak ada yang berubah. Muat ulang halaman dan masuk lagi dengan akun editor.",
        "Not saved: this session may no longer edit (the editor role was taken away or the users file changed). "
        "Nothing was changed. Reload the page and sign in again with an editor account.",
    ),
    "auth.role.editor": ("editor", "editor"),
    "auth.role.viewer": ("pembaca", "viewer"),
    # login results
    "auth.login.ok": ("Berhasil masuk sebagai {user}.", "Logged in as {user}."),
    "auth.login.wrong": ("Nama pengguna atau kata sandi salah.", "Wrong user name or password."),
    "auth.login.empty": ("Isi nama pengguna dan kata sandi.", "Enter a user name and a password."),
    "auth.login.throttled": (
        "Terlalu banyak percobaan gagal. Coba lagi dalam {seconds} detik.",
        "Too many failed attempts. Try again in {seconds} {seconds|second|seconds}.",
    ),
    "auth.login.no_users": (
        "Belum ada berkas pengguna, jadi tidak ada yang dapat masuk.",
        "There is no users file, so nobody can log in.",
    ),
    # the users file
    "auth.file.broken": (
        "Berkas pengguna tidak dapat dipakai, jadi penyuntingan ditutup untuk semua orang sampai berkas diperbaiki. "
        "Sampaikan rujukan {ref} kepada pengelola server: rinciannya ada di log dan pada python -m kemitraan check.",
        "The users file cannot be used, so editing is closed for everyone until it is fixed. Give the reference "
        "{ref} to whoever runs the server: the details are in its log and in python -m kemitraan check.",
    ),
    "check.users_file": ("BERKAS PENGGUNA {message} [rujukan {ref}]", "USERS FILE {message} [reference {ref}]"),
    "auth.file.unreadable": (
        "Berkas pengguna {path} tidak dapat dibaca: {detail}. Penyuntingan ditutup sampai berkas diperbaiki.",
        "The users file {path} cannot be read: {detail}. Editing is closed until the file is fixed.",
    ),
    "auth.file.invalid_toml": (
        "Berkas pengguna {path} bukan TOML yang sah: {detail}. Penyuntingan ditutup sampai berkas diperbaiki.",
        "The users file {path} is not valid TOML: {detail}. Editing is closed until the file is fixed.",
    ),
    "auth.file.no_users_table": (
        "Berkas pengguna {path}: [users] harus berupa tabel, misalnya [users.ani].",
        "Users file {path}: [users] must be a table, e.g. [users.ani].",
    ),
    "auth.file.bad_entry": (
        "Berkas pengguna {path}, pengguna {user!r}: harus berupa tabel [users.{user}] dengan password_hash dan role.",
        "Users file {path}, user {user!r}: must be a table [users.{user}] with password_hash and role.",
    ),
    "auth.file.bad_hash": (
        "Berkas pengguna {path}, pengguna {user!r}: password_hash harus berupa hash argon2 "
        "(buat dengan python -m kemitraan hash-password).",
        "Users file {path}, user {user!r}: password_hash must be an argon2 hash "
        "(make one with python -m kemitraan hash-password).",
    ),
    "auth.file.bad_role": (
        "Berkas pengguna {path}, pengguna {user!r}: role {role!r} tidak dikenal; yang diterima: {roles}.",
        "Users file {path}, user {user!r}: unknown role {role!r}; accepted: {roles}.",
    ),
    # python -m kemitraan hash-password
    "auth.cli.prompt": ("Kata sandi: ", "Password: "),
    "auth.cli.confirm": ("Ulangi kata sandi: ", "Repeat the password: "),
    "auth.cli.mismatch": (
        "Kedua kata sandi tidak sama; tidak ada hash yang dibuat.",
        "The two passwords differ; no hash was made.",
    ),
    "auth.cli.too_short": (
        "Kata sandi terlalu pendek: minimal {n} karakter.",
        "The password is too short: at least {n} {n|character|characters}.",
    ),
    "auth.cli.hint": (
        'Salin hash ini ke berkas pengguna, misalnya:\n[users.NAMA]\npassword_hash = "{hash}"\nrole = "editor"',
        'Copy this hash into the users file, e.g.:\n[users.NAME]\npassword_hash = "{hash}"\nrole = "editor"',
    ),
}
