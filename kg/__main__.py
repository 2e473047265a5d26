"""``python -m kg`` runs the ``unkg`` command."""

import sys

from kg.cli import main

sys.exit(main())
