# Example 1
Set-EventsFromEmailConfiguration -Identity peter@contoso.com -InvoiceProgressingLevel Disabled
# Example 2
Set-EventsFromEmailConfiguration -Identity peter@contoso.com -ServiceReservationProcessingLevel Calendar -CreateEventsFromEmailAsPrivate $true
# Example 3
Set-EventsFromEmailConfiguration -Identity peter@contoso.com -ResetSettings
