# Example 1
New-MailMessage -Subject "Delivery Report" -Body "Click here to view this report" -Mailbox tony
# Example 2
New-MailMessage -Subject "Delivery Report" -Body "Click here to view this report"
# Example 3
New-MailMessage -Mailbox tony@contoso.com
# Example 4
New-MailMessage
# Example 5
New-MailMessage -Subject "Delivery Information" -Body "Click here to see details" -Mailbox tony -BodyFormat Html
# Example 6
New-MailMessage -Subject "Delivery Information" -Body "Click here to see details" -BodyFormat Html
