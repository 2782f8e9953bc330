# Example 1
Import-DlpPolicyTemplate -FileData ([System.IO.File]::ReadAllBytes('C:\My Documents\External DLP Policy Template.xml'))
