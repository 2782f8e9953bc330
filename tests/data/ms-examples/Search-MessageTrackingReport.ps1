# Example 1
Search-MessageTrackingReport -Identity "David Jones" -Recipients "wendy@contoso.com"
# Example 2
Search-MessageTrackingReport -Identity "Cigdem Akin" -Sender "joe@contoso.com" -BypassDelegateChecking -DoNotResolve
