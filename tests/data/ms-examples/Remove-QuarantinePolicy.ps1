# Example 1
Remove-QuarantinePolicy -Identity "Contoso Engineering"
