# Example 1
Test-IRMConfiguration -Sender adams@contoso.com
# Example 2
Test-IRMConfiguration -Sender chris@fabrikam.com -Recipient michell@fourthcoffee.com
