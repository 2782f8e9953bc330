# Example 1
Remove-UserPhoto "Ann Beebe"
