Set-Mailbox "kim" -RetainDeletedItemsFor 14.00:00:00
