"""Presentation: text, HTML and DataFrames of the result types, in Dutch and English. Imports reports and below."""
