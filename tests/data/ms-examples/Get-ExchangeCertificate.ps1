# Example 1
Get-ExchangeCertificate -Server Mailbox01
# Example 2
Get-ExchangeCertificate -Thumbprint 0271A7F1CA9AD8A27152CCAE044F968F068B14B8 | Format-List
# Example 3
Get-ExchangeCertificate -Thumbprint 0271A7F1CA9AD8A27152CCAE044F968F068B14B8 | Format-List *
# Example 4
Get-ExchangeCertificate -DomainName mail.contoso.com
