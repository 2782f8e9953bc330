# Example 1
Get-SupervisoryReviewTopCasesReport | Sort-Object Policy | Format-Table Policy,Pending,Total,Date
