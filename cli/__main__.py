"""``python -m cli`` runs the ``kb`` command."""

import sys

from cli.main import main

sys.exit(main())
