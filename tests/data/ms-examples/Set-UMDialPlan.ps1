# Example 1
Set-UMDialPlan -Identity MyDialPlan -OutsideLineAccessCode 9
# Example 2
Set-UMDialPlan -Identity MyDialPlan -WelcomeGreetingEnabled $true -WelcomeGreetingFilename welcome.wav
# Example 3
$csv=import-csv "C:\MyInCountryGroups.csv"

Set-UMDialPlan -Identity MyDialPlan -ConfiguredInCountryOrRegionGroups $csv

Set-UMDialPlan -Identity MyDialPlan -AllowedInCountryOrRegionGroups "local, long distance"
