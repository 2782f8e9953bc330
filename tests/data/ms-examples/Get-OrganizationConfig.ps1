# Example 1
Get-OrganizationConfig -DomainController ContosoDC
# Example 2
Get-OrganizationConfig | Export-CliXML C:\Data\MyFile.xml
# Example 3
Get-OrganizationConfig | Format-List EwsApplicationAccessPolicy,Ews*List
