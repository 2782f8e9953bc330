# Example 1
Remove-OMEConfiguration -Identity "Contoso Marketing"
