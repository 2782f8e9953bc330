# Example 1
New-DlpComplianceRule -Name "SocialSecurityRule" -Policy "USFinancialChecks" -ContentContainsSensitiveInformation @{Name="U.S. Social Security Number (SSN)"} -BlockAccess $True
# Example 2
$contains_complex_types = @{
    operator = "And"
    groups = @(
        @{
            operator = "Or"
            name = "PII Identifiers"
            sensitivetypes = @(
                @{
                    name = "Drug Enforcement Agency (DEA) Number"
                    maxconfidence = 100
                    minconfidence = 75
                    mincount = 1
                    maxcount = -1
                }
            )
        }
        @{
            operator = "Or"
            name = "Medical Terms"
            sensitivetypes = @(
                @{
                    name = "International Classification of Diseases (ICD-9-CM)"
                    maxconfidence = 100
                    minconfidence = 75
                    mincount = 1
                    maxcount = -1
                }
                @{
                    name = "International Classification of Diseases (ICD-10-CM)"
                    maxconfidence = 100
                    minconfidence = 75
                    mincount = 1
                    maxcount = -1
                }
                )
        }

    )
}

New-DLPComplianceRule -Name "Contoso Medical Information" -Policy "Contoso Medical Checks" -ContentContainsSensitiveInformation $contains_complex_types
# Example 3
Contents of the file named C:\Data\Sensitive Type.txt:

{
"Version": "1.0",
"Condition": {
  "Operator": "And",
  "SubConditions": [
    {
      "ConditionName": "ContentContainsSensitiveInformation",
      "Value": [
        {
          "groups": [
            {
              "Operator": "Or",
              "labels": [
                {
                  "name": "defa4170-0d19-0005-000a-bc88714345d2",
                  "type": "Sensitivity"
                }
              ],
                "name": "Default",
                "sensitivetypes": [
                  {
                   "confidencelevel": "Low",
                   "name": "Credit Card Number"
                  }
                ]
            }
          ]
        }
      ]
    },
    {
      "Operator": "Not",
      "SubConditions": [
        {
          "Operator": "OR",
          "SubConditions": [
            {
              "ConditionName": "FromMemberOf",
              "Value": [
              "janesteam@contoso.com"
              ]
            },
            {
              "ConditionName": "SentTo",
              "Value": [
              "adele@contoso.com"
              ]
            }
          ],
        }
      ]
    }
  ]
 }
}

$data = Get-Content -Path "C:\Data\Sensitive Type.txt" -ReadCount 0 -encoding Byte

$string = [System.Text.Encoding]::UTF8.GetString($data)

New-DLPComplianceRule -Name "Contoso Rule 1" -Policy "Contoso Policy 1" -AdvancedRule $string -NotifyUser
# Example 4

$myEntraAppId = ""

$myEntraAppName = ""

$locations = "[{`"Workload`":`"Applications`",`"Location`":`"$myEntraAppId`",`"LocationDisplayName`":`"$myEntraAppName`",`"LocationSource`":`"Entra`",`"LocationType`":`"Individual`",`"Inclusions`":[{`"Type`":`"Tenant`",`"Identity`":`"All`"}]}]"

New-DlpCompliancePolicy -Name "Test Entra DLP" -Mode Enable -Locations $locations -EnforcementPlanes @("Application")

New-DlpComplianceRule -Name "Test Entra Rule" -Policy "Test Entra DLP" -ContentContainsSensitiveInformation @{Name = "credit card number"}  -GenerateAlert $true -GenerateIncidentReport @("siteadmin") -NotifyUser @("admin@contonso.onmicrosoft.com") -RestrictAccess @(@{setting="UploadText";value="Block"})
