# Example 1
Update-EmailAddressPolicy -Identity "Northwest Executives"
