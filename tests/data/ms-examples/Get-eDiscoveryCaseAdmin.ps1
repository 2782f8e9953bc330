# Example 1
Get-eDiscoveryCaseAdmin
