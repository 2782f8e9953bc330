# Example 1
Remove-AddressList -Identity "AddressList1" -Recursive
