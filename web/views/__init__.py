"""Blueprints: search, entries (works and their Randnummern), decisions (by court), statute, resolver, entities,
obligations, api."""
