"""Where the graph lives: compiled in memory (with a cache), a disk store, a SPARQL endpoint, publishing.

Imports importers, sssom and below.
"""
