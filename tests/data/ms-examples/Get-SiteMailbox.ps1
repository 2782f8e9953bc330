# Example 1
Get-SiteMailbox -BypassOwnerCheck -Identity ContentSite
# Example 2
Get-SiteMailbox -BypassOwnerCheck -Identity ContentSite | Format-List
# Example 3
Get-SiteMailbox -BypassOwnerCheck -DeletedSiteMailbox | Remove-Mailbox -Confirm:$false
