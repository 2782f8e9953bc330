# Example 1
Remove-ServicePrincipal -Identity 7c7599b2-23af-45e3-99ff-0025d148e929
