Set-OrganizationConfig -OAuth2ClientProfileEnabled $True
Get-OrganizationConfig | Format-Table Name, OAuth*
