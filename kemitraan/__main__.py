import sys

from kemitraan.cli import main

sys.exit(main())
