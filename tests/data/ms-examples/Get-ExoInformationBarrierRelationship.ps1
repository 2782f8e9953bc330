# Example 1
Get-ExoInformationBarrierRelationship -RecipientId1 "Akia Al-Zuhairi" -RecipientId2 "Gabriela Laureano"
