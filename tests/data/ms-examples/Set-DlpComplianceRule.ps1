# Example 1
Set-DlpComplianceRule -Identity 25bf67b6-3783-4f74-bde9-98dd40333082 -AccessScope NotInOrganization -BlockAccess $true
# Example 2
# Contents of the file named C:\Data\Sensitive Type.txt:

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

$data = Get-Content -Path "C:\Data\Sensitive Type.txt" -ReadCount 0

$AdvancedRuleString = $data | Out-string

Set-DLPComplianceRule -Identity "Contoso Rule 1" -AdvancedRule $AdvancedRuleString
