# Example 1
Set-DlpSensitiveInformationType "Contoso Confidential" -Locale fr -Name "Contoso Confidentiel" -Description "Ce message contient des informations confidentielles." -IsDefault
# Example 2
Set-DlpSensitiveInformationType "Contoso Confidential" -Locale es -Name $null -Description $null
# Example 3
$Benefits_Template = [System.IO.File]::ReadAllBytes('C:\My Documents\Contoso Benefits Template.docx')

$Benefits_Fingerprint = New-DlpFingerprint -FileData $Benefits_Template -Description "Contoso Benefits Template"

$Contoso_Confidential = Get-DlpSensitiveInformationType "Contoso Confidential"

$Array = [System.Collections.ArrayList]($Contoso_Confidential.Fingerprints)

$Array.Add($Benefits_FingerPrint[0])

Set-DlpSensitiveInformationType $Contoso_Confidential.Identity -FingerPrints $Array
# Example 4
$cc = Get-DlpSensitiveInformationType "Contoso Confidential"

$a = [System.Collections.ArrayList]($cc.Fingerprints)

$a

$a.RemoveAt(0)

Set-DlpSensitiveInformationType $cc.Identity -FingerPrints $a
