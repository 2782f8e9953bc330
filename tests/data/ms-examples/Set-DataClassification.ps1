# Example 1
Set-DataClassification "Contoso Confidential" -Locale fr -Name "Contoso Confidentiel" -Description "Ce message contient des informations confidentielles." -IsDefault
# Example 2
Set-DataClassification "Contoso Confidential" -Locale es -Name $null -Description $null
# Example 3
$Benefits_Template = [System.IO.File]::ReadAllBytes('C:\My Documents\Contoso Benefits Template.docx')

$Benefits_Fingerprint = New-Fingerprint -FileData $Benefits_Template -Description "Contoso Benefits Template"

$Contoso_Confidential = Get-DataClassification "Contoso Confidential"

$Array = [System.Collections.ArrayList]($Contoso_Confidential.Fingerprints)

$Array.Add($Benefits_FingerPrint)

Set-DataClassification $Contoso_Confidential.Identity -FingerPrints $Array
# Example 4
$cc = Get-DataClassification "Contoso Confidential"

$a = [System.Collections.ArrayList]($cc.Fingerprints)

$a

$a.RemoveAt(0)

Set-DataClassification $cc.Identity -FingerPrints $a
