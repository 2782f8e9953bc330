# Example 1
Set-AuthServer ACS -Enabled $false
