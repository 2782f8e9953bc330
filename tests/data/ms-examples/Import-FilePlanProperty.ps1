# Example 1
Import-FilePlanProperty -RawCsv "C:\Data\CSV Import.csv"
