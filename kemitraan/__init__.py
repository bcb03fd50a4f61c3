"""Dasbor Kemitraan: the domain package (see docs/DESIGN.md)."""

import logging

# A library's loggers stay silent until the application configures logging (the app and the command
# line add their handlers); without this, Python's last-resort handler would print warnings to stderr.
logging.getLogger(__name__).addHandler(logging.NullHandler())
