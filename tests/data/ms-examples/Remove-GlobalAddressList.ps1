# Example 1
Remove-GlobalAddressList -Identity OldGAL
