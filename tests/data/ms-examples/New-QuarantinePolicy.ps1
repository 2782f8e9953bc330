# Example 1
New-QuarantinePolicy -Name ContosoTag -EndUserQuarantinePermissionsValue 0
