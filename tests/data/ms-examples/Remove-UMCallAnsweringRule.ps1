# Example 1
Remove-UMCallAnsweringRule -Identity MyUMCallAnsweringRule
# Example 2
Remove-UMCallAnsweringRule -Identity MyUMCallAnsweringRule -Mailbox tonysmith
