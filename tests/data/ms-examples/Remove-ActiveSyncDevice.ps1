# Example 1
Remove-ActiveSyncDevice -Identity WM_JeffHay
# Example 2
Remove-ActiveSyncDevice -Identity iPhone_TonySmith -Confirm $true
# Example 3
Remove-ActiveSyncDevice -Identity Tablet_JeffHay -Confirm $true
