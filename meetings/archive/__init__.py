"""The archive: a body's (or the whole partnership's) records of a year as a Noark 5
extraction package (R-PUB-3)."""
