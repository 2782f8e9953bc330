# Example 1
Remove-SharingPolicy Fabrikam
# Example 2
Remove-SharingPolicy -Identity Contoso -Confirm:$false
