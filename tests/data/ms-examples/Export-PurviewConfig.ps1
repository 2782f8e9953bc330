# Example 1
Export-PurviewConfig -Components DLP
# Example 2
$result = Export-PurviewConfig -Components DLP,MIPLabels

[IO.File]::WriteAllBytes("C:\DiagnosticExport.zip", $result)
