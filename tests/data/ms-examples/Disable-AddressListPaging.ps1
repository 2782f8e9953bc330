# Example 1
Disable-AddressListPaging
