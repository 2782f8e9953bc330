# Example 1
Get-RMSTemplate -ResultSize unlimited
# Example 2
Get-RMSTemplate -Identity "Company Confidential"
