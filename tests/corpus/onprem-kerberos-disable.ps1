param([string]$Password, [string]$Username, [string]$Url, [string]$User)
try {
    $secure = ConvertTo-SecureString -AsPlainText $Password -Force
    $cred = New-Object System.Management.Automation.PSCredential -ArgumentList $Username, $secure
    $s = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri $Url -Authentication Kerberos -Credential $cred
    Import-PSSession $s -DisableNameChecking
    Disable-Mailbox -Identity $User -Confirm:$false
} catch {
    Write-Output $Error[0].Exception
}
