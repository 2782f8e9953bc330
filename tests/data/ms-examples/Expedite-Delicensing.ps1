# Example 1
Expedite-Delicensing -Identity yajvendra@contoso.onmicrosoft.com
