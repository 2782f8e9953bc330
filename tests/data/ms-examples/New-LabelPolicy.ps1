# Example 1
New-LabelPolicy -Name "Research and Development" -Labels "R and D","R and D Management"
