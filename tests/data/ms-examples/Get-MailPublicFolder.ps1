# Example 1
Get-MailPublicFolder -ResultSize 100 | Format-List
# Example 2
Get-MailPublicFolder -Identity \Marketing\Reports
# Example 3
Get-MailPublicFolder -Anr Marketing*
