# Example 1
New-DlpCompliancePolicy -Name "GlobalPolicy" -SharePointLocation All
# Example 2
New-DlpCompliancePolicy -Name "GlobalPolicy" -Comment "Primary policy" -SharePointLocation "https://my.url","https://my.url2" -OneDriveLocation "https://my.url3","https://my.url4" -Mode Enable
# Example 3
New-DlpCompliancePolicy -Name "PowerBIPolicy" -Comment "Primary policy" -PowerBIDlpLocation "All" -PowerBIDlpLocationException "workspaceID1","workspaceID2","workspaceID3" -Mode Enable
# Example 4
Get-Label | Format-List Priority,ContentType,Name,DisplayName,Identity,Guid

$guidVar = "e222b65a-b3a8-46ec-ae12-00c2c91b71c0"

$loc = "[{"Workload":"Applications","Location":"470f2276-e011-4e9d-a6ec-20768be3a4b0","Inclusions":[{Type:"Tenant", Identity:"All"}]}]"

New-DLPCompliancePolicy -Name "Copilot Policy" -Locations $loc -EnforcementPlanes @("CopilotExperiences")

$advRule = @{
 "Version" = "1.0"
 "Condition" = @{
  "Operator" = "And"
   "SubConditions" = @(
    @{
    "ConditionName" = "ContentContainsSensitiveInformation"
    "Value" = @(
     @{
     "groups" = @(
       @{
       "Operator" = "Or"
       "labels" = @(
         @{
         "name" = $guidVar
         "type" = "Sensitivity"
        }
       )
       "name" = "Default"
       }
      )
     }
    )
   }
  )
 }
} | ConvertTo-Json -Depth 100

New-DLPComplianceRule -Name "Copilot Rule" -Policy "Copilot Policy" -AdvancedRule $advrule -RestrictAccess @(@{setting="ExcludeContentProcessing";value="Block"})
