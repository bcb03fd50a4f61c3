import json

from conftest import cli, partnership, write


def run(data_dir, *args):
    return cli(data_dir, *args)


def test_batches_json_lists_every_batch_with_its_fields(store):
    write(store, "b1", kemitraan=[partnership("K1")])
    write(store, "b2", kemitraan=[partnership("K2")])
    store.undo("b2")
    r = run(store.root, "batches", "--json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert [(b["batch_id"], b["undone"]) for b in rows] == [("b1", False), ("b2", True)]
    for field in (
        "batch_id",
        "file",
        "sha256",
        "kind",
        "rows",
        "created_at",
        "undone",
        "user",
        "rows_added",
        "rows_replaced",
        "rows_unchanged",
    ):
        assert field in rows[0]
    assert rows[0]["kind"] == "kemitraan" and rows[0]["rows"] == 1


def test_batches_table_and_usage_errors(store):
    write(store, "b1", kemitraan=[partnership("K1")])
    r = run(store.root, "batches")
    assert r.returncode == 0 and "b1" in r.stdout and "Kemitraan" in r.stdout  # the kind by its name
    assert run(store.root).returncode == 2
    assert run(store.root, "no-such-command").returncode == 2
