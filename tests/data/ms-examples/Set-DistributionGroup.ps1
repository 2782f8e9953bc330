# Example 1
Set-DistributionGroup -Identity "Accounting" -DisplayName "Accounting Group"
# Example 2
Set-DistributionGroup -Identity "Bldg34 Conf Rooms" -RoomList
# Example 3
Set-DistributionGroup -Identity Ed_DirectReports -Name Ayla_DirectReports -IgnoreNamingPolicy
