# Example 1
Get-DlpDetectionsReport -StartDate 11/01/2018 -EndDate 11/30/2018
