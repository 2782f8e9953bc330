# Example 1
Remove-RetentionPolicy -Identity "Business Critical"
# Example 2
Remove-RetentionPolicy -Identity "Business Critical" -Confirm:$false
# Example 3
Remove-RetentionPolicy -Identity "Business Critical" -Confirm:$false -Force
