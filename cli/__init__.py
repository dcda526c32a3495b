"""The ``kb`` command (console script ``kb = cli.main:main``; also ``python -m cli``).

The top floor: it imports ``kb``, ``indexer`` and ``web``; nothing imports it.
"""
