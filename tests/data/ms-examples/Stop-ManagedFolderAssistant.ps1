# Example 1
Stop-ManagedFolderAssistant
# Example 2
Stop-ManagedFolderAssistant -Identity ExchSrvr1, Exchsrvr2
