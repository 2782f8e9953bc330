# Example 1
Remove-SensitiveInformationScan -Identity "HR Department"
