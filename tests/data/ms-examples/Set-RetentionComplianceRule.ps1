# Example 1
Set-RetentionComplianceRule -Identity "Internal Company Rule" -RetentionDuration 180 -RetentionDurationDisplayHint Days
