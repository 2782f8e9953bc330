# Example 1
Enable-AntispamUpdates
