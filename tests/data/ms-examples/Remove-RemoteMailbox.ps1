# Example 1
Remove-RemoteMailbox "Kim Akers"
