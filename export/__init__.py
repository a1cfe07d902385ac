"""Outputs of a report: the exchange file now; PDF, Word, web page and spreadsheet drawn from one layout."""
