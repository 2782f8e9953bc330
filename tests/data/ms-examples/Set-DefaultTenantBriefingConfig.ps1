# Example 1
Set-DefaultTenantBriefingConfig -IsEnabledByDefault Opt-in

This example sets the default Briefing email configuration for the organization to receive the Briefing email.
