"""Dasbor Kemitraan: the domain package (see docs/DESIGN.md)."""

import logging
from pathlib import Path

#: The application's folder (app.py, pages/, static/, data/ by default): every path the package
#: derives from its own location starts here, so moving a module never moves the data.
APP_ROOT = Path(__file__).resolve().parent.parent

# A library's loggers stay silent until the application configures logging (the app and the command
# line add their handlers); without this, Python's last-resort handler would print warnings to stderr.
logging.getLogger(__name__).addHandler(logging.NullHandler())
