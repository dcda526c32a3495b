"""The Whoosh search backend: everything in Randnummer that imports ``whoosh`` lives in this package."""
