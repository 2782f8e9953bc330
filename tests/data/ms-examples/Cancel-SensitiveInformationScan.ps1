# Example 1
Cancel-SensitiveInformationScan -Identity "HR Department"
