"""Blueprints: search, entries (commentary works and Randnummern), statute, resolver, entities, obligations, api."""
