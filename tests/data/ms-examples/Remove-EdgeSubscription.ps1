# Example 1
Remove-EdgeSubscription -Identity Edge1
