# Example 1
Remove-PowerShellVirtualDirectory "Internal (Default Web Site)" -Confirm:$False
