# Example 1
Set-SenderReputationConfig -SrlBlockThreshold 6 -SenderBlockingPeriod 36
