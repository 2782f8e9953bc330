# Example 1
Get-PublicFolderStatistics -Identity "\Marketing\2013\Pamphlets" | Format-List
