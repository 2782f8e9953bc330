# Example 1
Get-MigrationEndpoint -Identity OnboardingME01
