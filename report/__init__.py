"""The report domain: the official formats as data, report values, totals, checks and the exchange file.

Pure Python: nothing here imports Qt or any other package of this project.
"""
