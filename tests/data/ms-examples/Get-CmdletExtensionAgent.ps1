# Example 1
Get-CmdletExtensionAgent | Format-Table -Auto Name,Enabled,Priority
# Example 2
Get-CmdletExtensionAgent "Mailbox Creation Time Agent"
