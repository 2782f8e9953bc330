function Start-CloudMoves {
	[CmdletBinding()]
	param (
		[string]$Group,
		[string]$TargetDomain,
		[string]
	)
	begin {
		$cred = Get-Credential
		$s = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri https://ps.outlook.com/powershell -Credential $cred -Authentication Basic -AllowRedirection
		Import-PSSession $s -AllowClobber | Out-Null
	}
	process {
		$endpoint = Get-MigrationEndpoint
		foreach ($u in Get-ADGroupMember -Identity $Group) {
			New-MoveRequest -Identity $u.SamAccountName -Remote -RemoteHostName $endpoint.RemoteServer -TargetDeliveryDomain $TargetDomain -RemoteCredential (Get-Credential) -SuspendWhenReadyToComplete -BatchName "wave-$Group"
		}
	}
}
