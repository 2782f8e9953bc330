# Example 1
Get-DLPSiDetectionsReport
# Example 2
Get-DLPSiDetectionsReport -SensitiveType 0e9b3178-9678-47dd-a509-37222ca96b42 -EndDate 4/8/2019
