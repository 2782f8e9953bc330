# Example 1
Get-AvailabilityReportOutage
# Example 2
Get-AvailabilityReportOutage -ReportDate:"2009-12-05" -Identity:"Outlook*"
