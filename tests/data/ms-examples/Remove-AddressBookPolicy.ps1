# Example 1
Remove-AddressBookPolicy -Identity "Murchison's Class"
