# Example 1
$Keywords = "Aarskog's syndrome, Abandonment, Abasia, Abderhalden-Kaufmann-Lignac, Abdominalgia, Abduction contracture, Abetalipo proteinemia, Abiotrophy, Ablatio, ablation, Ablepharia, Abocclusion, Abolition, Aborter, Abortion, Abortus, Aboulomania, Abrami's disease, Abramo"

$EncodedKeywords = [System.Text.Encoding]::Unicode.GetBytes($keywords)

Set-DlpKeywordDictionary -Identity "Diseases" -FileData $EncodedKeywords
# Example 2
$Dictionary = Get-DlpKeywordDictionary -Name "Diseases"

$Terms = $Dictionary.KeywordDictionary.split(',').trim()

$Terms += "Achylia","Acidemia","Acidocytopenia","Acidocytosis","Acidopenia","Acidosis","Aciduria","Acladiosis","Aclasis"

$Keywords = $Terms -Join ", "

$EncodedKeywords = [System.Text.Encoding]::Unicode.GetBytes($Keywords)

Set-DlpKeywordDictionary -Identity "Diseases" -FileData $EncodedKeywords
# Example 3
$Dictionary = Get-DlpKeywordDictionary -Name "Diseases"

$Terms = $Dictionary.KeywordDictionary.split(',').trim()

$TermsToRemove = @('abandonment', 'ablatio')

$UpdatedTerms = $Terms | Where-Object {$_ -NotIn $TermsToRemove}

$Keywords = $UpdatedTerms -Join ", "

$EncodedKeywords = [System.Text.Encoding]::Unicode.GetBytes($Keywords)

Set-DlpKeywordDictionary -Identity "Diseases" -FileData $EncodedKeywords
# Example 4
$Dictionary = Get-DlpKeywordDictionary -Name "Inappropriate Language"

$Terms = $Dictionary.KeywordDictionary.split(',').trim()

Set-Content $Terms -Path "C:\My Documents\InappropriateTerms.txt"

$UpdatedTerms = Get-Content -Path "C:\My Documents\InappropriateTerms.txt"

$Keywords = $UpdatedTerms -Join ", "

$EncodedKeywords = [System.Text.Encoding]::Unicode.GetBytes($Keywords)

Set-DlpKeywordDictionary -Identity "Inappropriate Language" -FileData $EncodedKeywords
