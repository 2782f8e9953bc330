# Example 1
$content = Test-TextExtraction -FileData ([System.IO.File]::ReadAllBytes('.\financial data.msg'))

$content.ExtractedResults
# Example 2
$content = Test-TextExtraction -FileData ([System.IO.File]::ReadAllBytes('.\financial data.msg'))

Test-DataClassification -TestTextExtractionResults $content.ExtractedResults
