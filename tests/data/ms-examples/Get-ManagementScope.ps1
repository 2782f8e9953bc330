# Example 1
Get-ManagementScope Redmond*
# Example 2
Get-ManagementScope "Redmond Servers Scope" | Format-List
# Example 3
Get-ManagementScope -Orphan
# Example 4
Get-ManagementScope -Exclusive $True
