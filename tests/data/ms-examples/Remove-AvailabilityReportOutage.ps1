# Example 1
Remove-AvailabilityReportOutage -ReportDate:"2009-12-02" -SiteName:"Site1"
