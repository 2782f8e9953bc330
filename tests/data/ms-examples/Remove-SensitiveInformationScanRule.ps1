# Example 1
Remove-SensitiveInformationScanRule -Identity "HR Department Rule"
