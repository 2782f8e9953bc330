# Example 1
Set-AdaptiveScope -Identity "Project X" -FilterConditions @{"Conditions" = @{"Value" = "Redmond"; "Operator" = "Equals"; "Name" = "City"}; "Conjunction" = "And"}
