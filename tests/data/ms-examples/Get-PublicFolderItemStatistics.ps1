# Example 1
Get-PublicFolderItemStatistics -Identity "\Marketing\2013\Pamphlets"
# Example 2
Get-PublicFolderItemStatistics -Identity "\Marketing\2013\Pamphlets" | Format-List
# Example 3
Get-PublicFolderItemStatistics -Identity "\Marketing\Reports" | Select Subject,LastModificationTime,HasAttachments,ItemType,MessageSize | Export-CSV C:\PFItemStats.csv
