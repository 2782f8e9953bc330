# Example 1
Enable-CmdletExtensionAgent "Scripting Agent"
