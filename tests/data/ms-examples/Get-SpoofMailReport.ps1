# Example 1
Get-SpoofMailReport -StartDate 03/01/2020 -EndDate 03/11/2020
