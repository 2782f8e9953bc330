# Example 1
New-OABVirtualDirectory -Server CASServer01 -PollInterval 120
