# Example 1
Set-AuthenticationPolicy -Identity "Engineering Group" -AllowBasicAuthReportingWebServices
# Example 2
Set-AuthenticationPolicy -Identity "Research and Development Group" -BlockLegacyAuthReportingWebServices:$false
