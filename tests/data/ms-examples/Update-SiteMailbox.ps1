# Example 1
Update-SiteMailbox -BypassOwnerCheck -Identity "MarketingEvents 2013"
# Example 2
Update-SiteMailbox -BypassOwnerCheck -Identity WinterHoliday@tailspintoys.com -FullSync
