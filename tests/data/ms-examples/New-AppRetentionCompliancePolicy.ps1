# Example 1
New-AppRetentionCompliancePolicy -Name "Regulation 567 Compliance" -Applications "User:MicrosoftTeams","Group:MicrosoftTeams" -ExchangeLocation "Jennifer Petersen","Kitty Nakamura"
