# Example 1
Get-UserPhoto "Susan Burk"
# Example 2
Get-UserPhoto "Pilar Pinilla" -Preview
