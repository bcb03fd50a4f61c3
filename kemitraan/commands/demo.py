from kemitraan.generators import demo
from kemitraan.errors import UsageError

NAME = "demo"
HELP = "Write the deterministic synthetic demo dataset into the store as batch 'demo'."


def add_arguments(p) -> None:
    p.add_argument("--partnerships", type=int, default=60, help="number of partnerships (default 60)")
    p.add_argument("--years", type=int, default=5, help="years of indicator data (default 5)")
    p.add_argument("--seed", type=int, default=20240501, help="random seed (same seed, same data)")
    p.add_argument("--batch-id", default=demo.DEMO_BATCH, help="batch id (default 'demo')")


def run(args, store) -> int:
    if args.partnerships < 1 or args.years < 1:
        raise UsageError("--partnerships and --years must be at least 1")
    m = demo.generate(store, partnerships_n=args.partnerships, years=args.years, seed=args.seed, batch_id=args.batch_id)
    by_kind = ", ".join(f"{k} {v:,}" for k, v in m["rows_by_kind"].items())
    print(f"batch {m['batch_id']}: {by_kind} rows (synthetic demo data)")
    return 0
