"""Mappings in SSSOM: the model, TSV and RDF forms, review decisions. Imports rdf and below."""
