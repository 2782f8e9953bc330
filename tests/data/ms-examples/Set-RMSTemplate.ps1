# Example 1
Set-RMSTemplate "Contoso Confidential" -Type Archived
