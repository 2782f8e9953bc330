# Example 1
Set-AvailabilityReportOutage -ReportDate:"2009-12-02" -Identity: "OWA Service" -Comment:"Overriding particular outage" -DowntimeMinutes:40
