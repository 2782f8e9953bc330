# Example 1
Get-App -Mailbox Tony
# Example 2
Get-App -Identity 7a774f0c-7a6f-11e0-85ad-07fb4824019b | Format-List
# Example 3
Get-App -OrganizationApp
