# Example 1
$itemsPendingDisposition = Get-ReviewItems -TargetLabelId a8cbeaac-e7aa-42ed-8dba-54200537c9c9 -IncludeHeaders $true

$formattedExportItems = $itemsPendingDisposition.ExportItems | ConvertFrom-Csv -Header $itemsPendingDisposition.Headers

$formattedExportItems
# Example 2
$itemsPendingDisposition = Get-ReviewItems -TargetLabelId a8cbeaac-e7aa-42ed-8dba-54200537c9c9 -IncludeHeaders $true -Disposed $true

$formattedExportItems = $itemsPendingDisposition.ExportItems | ConvertFrom-Csv -Header $itemsPendingDisposition.Headers

$formattedExportItems | Select Subject,Location,ReviewAction,Comment,DeletedBy,DeletedDate
# Example 3
$itemsPendingDisposition = Get-ReviewItems -TargetLabelId a8cbeaac-e7aa-42ed-8dba-54200537c9c9 -IncludeHeaders $true

$exportItems = $itemsPendingDisposition.ExportItems

While (![string]::IsNullOrEmpty($itemsPendingDisposition.PaginationCookie))
{
    $itemsPendingDisposition = Get-ReviewItems -TargetLabelId a8cbeaac-e7aa-42ed-8dba-54200537c9c9 -IncludeHeaders $true -PagingCookie $itemsPendingDisposition.PaginationCookie
    $exportItems += $itemsPendingDisposition.ExportItems
}

$exportItems | ConvertFrom-Csv -Header $itemsPendingDisposition.Headers | Export-Csv C:\temp\ItemsPendingDisposition.csv -NoTypeInformation
