# Example 1
New-OwaMailboxPolicy -Name Corporate
