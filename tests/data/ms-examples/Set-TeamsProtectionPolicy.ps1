# Example 1
Set-TeamsProtectionPolicy -Identity "Teams Protection Policy" -HighConfidencePhishQuarantineTag AdminOnlyWithNotifications
