# Example 1
Get-ReportExecutionInstance | Format-Table -Auto Identity,ScheduleId,ReportStartDate,ReportEndDate
# Example 2
Get-ReportExecutionInstance -Identity 277df7c3-5b73-4409-6264-08d4a8052836
