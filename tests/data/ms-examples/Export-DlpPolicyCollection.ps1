# Example 1
$DlpPol = Export-DlpPolicyCollection

[System.IO.File]::WriteAllBytes('C:\My Documents\Contoso PII.xml', $DlpPol.FileData)
