# Example 1
Start-ManagedFolderAssistant -Identity "Chris"
# Example 2
Get-Mailbox -Anr Chr -DomainController DC01 | Start-ManagedFolderAssistant
