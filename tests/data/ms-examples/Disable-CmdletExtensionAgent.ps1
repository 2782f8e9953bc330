# Example 1
Disable-CmdletExtensionAgent "Scripting Agent"
