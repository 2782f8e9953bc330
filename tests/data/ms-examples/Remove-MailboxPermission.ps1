# Example 1
Remove-MailboxPermission -Identity "Yuuto Sasaki" -User "Pedro Pizarro" -AccessRights FullAccess -InheritanceType All
# Example 2
Remove-MailboxPermission -Identity "HR Project" -ClearAutoMapping
