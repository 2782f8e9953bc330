# Example 1
Start-InformationBarrierPoliciesApplication
