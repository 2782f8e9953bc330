# Example 1
Set-OutlookProtectionRule -Identity "OPR-DG-Finance" -SentTo "DG-Finance"
# Example 2
Set-OutlookProtectionRule -Identity "OPR-DG-Finance" -Priority 2
