# Example 1
Enable-AddressListPaging
