# Example 1
Get-PublicFolder
# Example 2
Get-PublicFolder -Identity \NON_IPM_SUBTREE -Recurse | Format-List Name
# Example 3
Get-PublicFolder -Identity "\Legal\Documents\Pending Litigation"
# Example 4
Get-PublicFolder -Identity "\Legal\Documents\Pending Litigation" -Recurse
# Example 5
Get-PublicFolder -Identity "\Legal\Documents\Pending Litigation" -Recurse -ResultSize Unlimited
# Example 6
Get-PublicFolder -Mailbox "Legal Department" -ResidentFolders
