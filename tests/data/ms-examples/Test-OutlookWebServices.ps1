# Example 1
Test-OutlookWebServices -Identity:holly@contoso.com
