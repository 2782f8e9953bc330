Connect-ExchangeOnline
$ddg = Get-DynamicDistributionGroup -Identity "All Sales"
Get-Recipient -RecipientPreviewFilter $ddg.RecipientFilter -ResultSize Unlimited | Select-Object DisplayName, PrimarySmtpAddress
Get-Recipient -LdapRecipientFilter $ddg.LdapRecipientFilter -ResultSize Unlimited
