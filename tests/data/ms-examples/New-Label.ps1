# Example 1
New-Label -DisplayName "My New label" -Name "New Label"
