# Sign in to the tenant first
Connect-ExchangeOnline
Import-Module ExchangeOnlineManagement
$boxes = Import-Csv C:\temp\boxes.csv # path of the CSV
foreach($row in $boxes){ Add-RecipientPermission "$($row | select -exp HEADER)" -AccessRights 
SendAs -Trustee USER EMAIL ADDRESS -confirm:$false }
# HEADER is the column name; replace USER EMAIL ADDRESS with the address to grant
