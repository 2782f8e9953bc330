# Example 1
Set-CmdletExtensionAgent "Validation Agent" -Priority 9
