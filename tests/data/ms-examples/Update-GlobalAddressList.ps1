# Example 1
Update-GlobalAddressList -Identity "Default Global Address List"
