# Example 1
Set-FeatureConfiguration "DSPM for AI - Capture interactions for Copilot experiences" -ScenarioConfig '{"Activities":["UploadText","DownloadText"],"EnforcementPlanes":["CopilotExperiences"],"SensitiveTypeIds":["All"],"IsIngestionEnabled":false}'
# Example 2
Set-FeatureConfiguration "Microsoft Copilot collection policy for Contoso Sales" -Locations '[{"Workload":"Applications","Location":"52655","AddInclusions":[{"Type":"Group","Identity":"USSales@contoso.com"}]}]'
# Example 3
Set-FeatureConfiguration "Microsoft Copilot collection policy for Contoso Sales" -Locations '[{"Workload":"Applications","Location":"52655","AddExclusions":[{"Type":"IndividualResource","Identity":"adele@contoso.com"}]}]'
