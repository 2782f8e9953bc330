# Example 1
Get-UMCallAnsweringRule -Identity MyUMCallAnsweringRule -Mailbox tonysmith | Format-List
# Example 2
Get-UMCallAnsweringRule -Identity MyUMCallAnsweringRule
