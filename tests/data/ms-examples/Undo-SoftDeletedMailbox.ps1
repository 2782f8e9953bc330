# Example 1
Undo-SoftDeletedMailbox -SoftDeletedObject florencef
# Example 2
Undo-SoftDeletedMailbox bjohnson@contoso.edu -WindowsLiveID brianj@contoso.edu -Password (Get-Credential).password
