# Example 1
$r = Test-DataClassification -TextToClassify "Credit card information Visa: xxxx xxxx xxxx xxxx. Patient Identifier or SSN: xxx-xx-xxxx"

$r.ClassificationResults
