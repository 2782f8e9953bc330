# Example 1
Disable-JournalArchiving -Identity TimothyAmaral_Archive
