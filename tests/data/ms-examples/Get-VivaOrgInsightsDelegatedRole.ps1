# Example 1
Get-VivaOrgInsightsDelegatedRole -Delegator 043f6d38-378b-7dcd-7cd8-c1a901881fa9
