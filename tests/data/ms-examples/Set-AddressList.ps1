# Example 1
Set-AddressList -Identity "All Users\Sales\building4" -Name building9
# Example 2
Set-AddressList -Identity c3fffd8e-026b-41b9-88c4-8c21697ac8ac -IncludedRecipients MailboxUsers -ConditionalDepartment Sales
