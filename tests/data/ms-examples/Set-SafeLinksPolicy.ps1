# Example 1
Set-SafeLinksPolicy -Identity "Engineering Block URL" -AllowClickThrough $false
