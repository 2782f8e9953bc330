# Example 1
Set-AppRetentionComplianceRule -Identity "563 Marketing Rule" -RetentionDuration 180 -RetentionDurationDisplayHint Days
