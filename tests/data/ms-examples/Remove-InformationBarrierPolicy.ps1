# Example 1
Remove-InformationBarrierPolicy -Identity HR-Sales
