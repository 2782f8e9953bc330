# Example 1
Disable-RemoteMailbox "Kim Akers"
# Example 2
Disable-RemoteMailbox "David Strome" -Archive
