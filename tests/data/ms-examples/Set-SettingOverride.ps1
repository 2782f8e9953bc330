# Example 1
Set-SettingOverride -Identity "Change OAB Generation" -Server Mailbox01 -Parameters @("WorkCycle=03:00:00")
