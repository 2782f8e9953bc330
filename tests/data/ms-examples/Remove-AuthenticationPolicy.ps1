# Example 1
Remove-AuthenticationPolicy -Identity "Engineering Group"
