# Example 1
Set-EmailAddressPolicy -Identity "Southeast Executives" -ConditionalStateOrProvince @{Add="TX"}
# Example 2
Set-EmailAddressPolicy -Identity "Contoso Corp" -DisabledEmailAddressTemplates $null
# Example 3
Set-EmailAddressPolicy -Identity "Office 365 Groups" -EnabledEmailAddressTemplates "SMTP:@contoso.com","smtp:@contoso.onmicrosoft.com","smtp:@contoso.microsoftonline.com"
