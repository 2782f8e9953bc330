# Example 1
$SN = Export-RecipientDataProperty -Identity tonys@contoso.com -SpokenName

[System.IO.File]::WriteAllBytes('C:\tonysmith.wma', $SN.FileData)
# Example 2
$Pic = Export-RecipientDataProperty -Identity "Ayla Kol" -Picture

[System.IO.File]::WriteAllBytes('C:\Data\aylakol.jpg', $Pic.FileData)
