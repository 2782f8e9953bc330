# Example 1
Remove-DlpPolicyTemplate "External DLP Policy Template"
