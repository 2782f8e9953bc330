$all = @()
foreach ($mr in Get-MoveRequest) {
    $st = Get-MoveRequestStatistics $mr.Alias -IncludeReport | Select-Object DisplayName, Status, StartTimestamp, CompletionTimestamp, TotalMailboxSize
    $all += [pscustomobject]@{ Name = $st.DisplayName; Status = $st.Status; Size = $st.TotalMailboxSize }
}
$all | Export-Csv -Delimiter ';' -NoTypeInformation -Force -Path 'C:\Temp\moves.csv'
