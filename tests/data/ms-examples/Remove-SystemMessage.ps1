# Example 1
Remove-SystemMessage En\Internal\5.7.9
# Example 2
Remove-SystemMessage En\WarningMailbox
