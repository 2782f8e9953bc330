# Example 1
Set-TransportConfig -GenerateCopyOfDSNFor 5.7.1,5.7.2,5.7.3
# Example 2
Set-TransportConfig -JournalingReportNdrTo journalingndr@contoso.com
