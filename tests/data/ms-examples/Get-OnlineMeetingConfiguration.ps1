# Example 1
Get-OnlineMeetingConfiguration -Identity carlam@fourthcoffee.com
