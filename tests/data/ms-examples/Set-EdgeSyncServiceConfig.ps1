# Example 1
Set-EdgeSyncServiceConfig "Primary EdgeSync Settings" -LogEnabled $true -LogLevel Medium -LogPath "\\Server01\EdgeSyncLog" -LogMaxFileSize 5MB -LogMaxAge 3
