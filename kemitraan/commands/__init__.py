"""Sub-commands of ``python -m kemitraan``, one module each (see kemitraan.cli)."""
