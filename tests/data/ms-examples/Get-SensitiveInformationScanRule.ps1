# Example 1
Get-SensitiveInformationScanRule -Identity "HR Department Scan Rule"
