# Example 1
Remove-DlpPolicy "Contoso PII"
