# Example 1
Get-ThrottlingPolicyAssociation -ResultSize unlimited
# Example 2
Get-ThrottlingPolicyAssociation -Anr Chr -DomainController DC01
# Example 3
Get-ThrottlingPolicyAssociation -Identity "Courtney Sweet" | Format-List
