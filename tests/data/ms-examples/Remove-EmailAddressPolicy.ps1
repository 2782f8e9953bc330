# Example 1
Remove-EmailAddressPolicy -Identity "Southwest Executives"
