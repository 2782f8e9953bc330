# Example 1
Set-ProtectionAlert -Identity "Content search deleted" -Severity High
# Example 2
Set-ProtectionAlert -Identity "Content search deleted" -NotifyUserOnFilterMatch:$true -AggregationType SimpleAggregation -Threshold 10 -TimeWindow 120
