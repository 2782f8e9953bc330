# Example 1
New-SensitiveInformationScan "SharePoint scan" -SharePointLocation All

New-SensitiveInformationScanRule "SharePoint scan rule" -ContentExtensionMatchesWords "pdf", "docx" -Policy "SharePoint scan" -Workload SharePoint
