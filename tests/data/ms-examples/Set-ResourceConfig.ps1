# Example 1
Set-ResourceConfig -ResourcePropertySchema Room/Whiteboard,Equipment/Van
# Example 2
Set-ResourceConfig -ResourcePropertySchema @{Add="Room/TV"; Remove="Equipment/Laptop"}
