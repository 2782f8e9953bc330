# Example 1
Get-User -ResultSize unlimited
# Example 2
Get-User -Identity "Coy Damon" | Format-List
# Example 3
Get-User -OrganizationalUnit "Marketing"
# Example 4
Get-User -Filter "Title -like 'Manager*'"
