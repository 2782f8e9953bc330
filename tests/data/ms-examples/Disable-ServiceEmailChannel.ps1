# Example 1
Disable-ServiceEmailChannel -Identity JeffHay
# Example 2
Disable-ServiceEmailChannel -Identity JeffHay -Confirm $true
# Example 3
Disable-ServiceEmailChannel -Identity JeffHay -Confirm $false
